package com.themepress.server.events.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Increasing numbers for outbox entries: microseconds of the wall clock, but never the same or lower
 * than the last one, so order holds within a replica across clock steps and (as far as clocks agree)
 * across a restart.
 */
final class OutboxSequence {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    OutboxSequence(Clock clock) {
        this.clock = clock;
    }

    long next() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return last.accumulateAndGet(micros, (previous, candidate) -> Math.max(previous + 1, candidate));
    }
}
