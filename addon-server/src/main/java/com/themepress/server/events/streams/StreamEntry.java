package com.themepress.server.events.streams;

import org.jspecify.annotations.Nullable;

/**
 * An event as the stream stores it: the filter fields beside the envelope's JSON. Its {@code id} is
 * the envelope's, fixed before the first attempt to append it, so that appending it again can be
 * recognised ({@link EventStreams#appendOnce}).
 */
public record StreamEntry(String id, String type, String source, @Nullable String site, String json) {
}
