package com.themepress.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time that only moves when the test says so: a {@link Clock} for wall time, and {@link #nanoTime()}
 * for monotonic time (a Caffeine {@code Ticker} is {@code clock::nanoTime}). Both move together, so
 * backoff, leases, TTLs and timeouts are checked without waiting for them.
 */
public final class MutableClock extends Clock {

    /** Where a clock starts when the test does not care. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private record Reading(Instant instant, long nanos) {
    }

    private final AtomicReference<Reading> now;

    public MutableClock() {
        this(DEFAULT_START);
    }

    public MutableClock(Instant start) {
        // nanoTime starts where the JVM's does, as System.nanoTime() would for the code under test
        this.now = new AtomicReference<>(new Reading(start, System.nanoTime()));
    }

    /** Moves both readings forward; time never runs backwards (monotonic readers rely on it). */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + by);
        }
        now.updateAndGet(r -> new Reading(r.instant().plus(by), r.nanos() + by.toNanos()));
    }

    /** The monotonic reading, in nanoseconds, as {@link System#nanoTime()} gives. */
    public long nanoTime() {
        return now.get().nanos();
    }

    @Override
    public Instant instant() {
        return now.get().instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: tests read instants, and a second clock that does not move with this one would mislead. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
