package com.themepress.server.execute;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** An event an addon asked to publish in its execute answer; {@code site} is the site the call was made for, if any. */
public record EmittedEvent(String source, String type, @Nullable String site, JsonNode data) {
}
