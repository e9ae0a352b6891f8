package com.themepress.runtime.time;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The runtime's one source of time, injected wherever time is read or waited for, so that tests
 * drive a fake one instead of waiting. Deadlines, backoff and latencies use the monotonic
 * {@link #nanoTime()}; what is shown or compared with settings in wall time (an instance's
 * {@code lastUsed}, idle reaping) uses {@link #instant()}. The waits come with the readings
 * because a fake time source must also decide when a waiter wakes up.
 */
public interface Ticker {

    /** Monotonic nanoseconds; only differences between two readings mean anything. */
    long nanoTime();

    /** The current wall-clock instant. */
    Instant instant();

    /**
     * Waits on the condition, whose lock the caller holds, for at most {@code nanos} of this
     * source's time. Like {@link Condition#awaitNanos(long)} it may return early, so callers
     * re-read the time and their state in a loop.
     */
    void awaitNanos(Condition condition, long nanos) throws InterruptedException;

    /** Pauses the calling thread for {@code nanos}; returns early, with the flag set, when interrupted. */
    void sleepNanos(long nanos);

    /** Hands {@code task} to {@code executor} once {@code nanos} have passed. */
    void schedule(Runnable task, long nanos, Executor executor);

    /** Real time: {@link System#nanoTime()}, the UTC system clock and real waits. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** The production time source; an enum so that there is one and it needs no wiring. */
    enum SystemTicker implements Ticker {
        INSTANCE;

        private static final Clock WALL = Clock.systemUTC();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return WALL.instant();
        }

        @Override
        public void awaitNanos(Condition condition, long nanos) throws InterruptedException {
            condition.awaitNanos(nanos);
        }

        @Override
        public void sleepNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }

        @Override
        public void schedule(Runnable task, long nanos, Executor executor) {
            CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, executor).execute(task);
        }
    }
}
