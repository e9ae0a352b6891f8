package com.themepress.server.execute;

import tools.jackson.databind.JsonNode;

/** An event an addon asked to publish in its execute answer. */
public record EmittedEvent(String source, String type, JsonNode data) {
}
