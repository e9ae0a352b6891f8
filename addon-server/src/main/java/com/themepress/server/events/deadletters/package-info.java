/**
 * Dead letters: events a subscriber never acknowledged, stored in MongoDB by the delivery engine
 * (through its {@code DeadLetterSink}) and listed and replayed through {@code /api/events/dead-letters}.
 */
@NullMarked
package com.themepress.server.events.deadletters;

import org.jspecify.annotations.NullMarked;
