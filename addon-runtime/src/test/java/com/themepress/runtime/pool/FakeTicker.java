package com.themepress.runtime.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import com.themepress.runtime.time.Ticker;

/**
 * Time that moves only when the test says: {@link #advance(Duration)} moves the monotonic reading
 * and the wall clock together, wakes threads sleeping in fake time whose sleep is over, and runs
 * scheduled tasks that have come due.
 */
final class FakeTicker implements Ticker {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * Condition waits last at most this long in real time. Callers treat the return as a spurious
     * wake-up and re-read the (fake) time, so a wait ends soon after the test moves the time.
     */
    private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private record Scheduled(long due, Runnable task, Executor executor) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private long nanos;

    void advance(Duration by) {
        List<Scheduled> due = new ArrayList<>();
        synchronized (this) {
            nanos += by.toNanos();
            scheduled.removeIf(s -> s.due() <= nanos && due.add(s));
            notifyAll();
        }
        due.forEach(s -> s.executor().execute(s.task()));
    }

    /** How much fake time has passed since the start. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return START.plusNanos(nanoTime());
    }

    @Override
    public void awaitNanos(Condition condition, long timeout) throws InterruptedException {
        condition.awaitNanos(Math.min(timeout, WAKE_UP_NANOS));
    }

    @Override
    public synchronized void sleepNanos(long duration) {
        long until = nanos + duration;
        try {
            while (nanos < until) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void schedule(Runnable task, long delay, Executor executor) {
        synchronized (this) {
            if (delay > 0) {
                scheduled.add(new Scheduled(nanos + delay, task, executor));
                return;
            }
        }
        executor.execute(task);
    }
}
