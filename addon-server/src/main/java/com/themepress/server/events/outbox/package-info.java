/**
 * The durable outbox of execute's events: an answer's events are written to the store in the same
 * write that records the call, and published from there, in order per source and each once, whether
 * Redis takes them at once or only after an outage. See {@code docs/event-bus.md} ("Execute's outbox").
 */
@NullMarked
package com.themepress.server.events.outbox;

import org.jspecify.annotations.NullMarked;
