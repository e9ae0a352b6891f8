/**
 * How much the event bus keeps: the stream is trimmed only up to what every subscriber has settled,
 * publishing is refused (503) when the backlog reaches its bound, lagging subscribers are paused
 * until an operator resumes them. Dead-letter retention lives with the dead letters.
 */
@NullMarked
package com.themepress.server.events.retention;

import org.jspecify.annotations.NullMarked;
