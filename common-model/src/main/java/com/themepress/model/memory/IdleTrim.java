package com.themepress.model.memory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Decides when to give memory back. The collectors' collection count is the sign of work: under load it
 * moves many times a window; once it has moved at most {@code quietCollections} times over
 * {@code idleAfter}, the service is idle and the heap it grew for the load is mostly garbage, so one trim
 * runs. A few collections are allowed because an idle service still allocates (schedulers, pollers, the
 * store's background writer after a burst of writes): with a rule of "no collection at all for 30 s", the
 * addon-server at the end of a 100,000-addon benchmark was not trimmed within a minute of idling. Then
 * nothing more until work shows again (more collections than
 * that in a window): an idle service is trimmed once, not every period. Not thread-safe: one scheduler
 * thread calls {@link #check}.
 */
final class IdleTrim {

    private final Duration idleAfter;
    private final int quietCollections;
    private final LongSupplier collections;
    private final Runnable trim;
    /** (nanos, count) of the checks within the window, and the newest one before it, oldest first. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    /** Start-up is work too: the first quiet window after it trims. */
    private boolean workSinceTrim = true;

    IdleTrim(Duration idleAfter, int quietCollections, LongSupplier collections, Runnable trim) {
        this.idleAfter = idleAfter;
        this.quietCollections = quietCollections;
        this.collections = collections;
        this.trim = trim;
    }

    /** One look at the collector, at {@code nowNanos}; trims and says so when the service has become idle. */
    boolean check(long nowNanos) {
        long count = collections.getAsLong();
        samples.addLast(new long[] {nowNanos, count});
        long windowStart = nowNanos - idleAfter.toNanos();
        while (samples.size() > 1 && secondOldest()[0] <= windowStart) {
            samples.removeFirst();
        }
        long[] baseline = samples.peekFirst();
        if (baseline[0] > windowStart) {
            return false; // not watched for a whole window yet
        }
        if (count - baseline[1] > quietCollections) {
            workSinceTrim = true;
            return false;
        }
        if (!workSinceTrim) {
            return false;
        }
        trim.run();
        workSinceTrim = false;
        // the trim's own full collection moved the count: that is not new work
        samples.clear();
        samples.addLast(new long[] {nowNanos, collections.getAsLong()});
        return true;
    }

    private long[] secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }
}
