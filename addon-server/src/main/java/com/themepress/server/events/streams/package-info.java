/**
 * Redis access of the event bus: the event stream and its consumer groups
 * ({@link com.themepress.server.events.streams.EventStreams}), blocking group reads, and each
 * subscriber's retry schedule. Nothing here decides what an event means.
 */
@NullMarked
package com.themepress.server.events.streams;

import org.jspecify.annotations.NullMarked;
