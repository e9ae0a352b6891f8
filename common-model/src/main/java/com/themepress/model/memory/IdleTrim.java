package com.themepress.model.memory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when to give memory back. The collectors' collection count is the sign of work: while it
 * moves, the service allocates; once it has stood still for {@code idleAfter} after moving, the service
 * is idle and the heap it grew for the load is mostly garbage, so one trim runs. Then nothing more until
 * the count moves again: an idle service is trimmed once, not every period. Not thread-safe: one
 * scheduler thread calls {@link #check}.
 */
final class IdleTrim {

    private final Duration idleAfter;
    private final LongSupplier collections;
    private final Runnable trim;
    private long lastCount = -1;
    private long quietSinceNanos;
    private long countAfterTrim = -1;

    IdleTrim(Duration idleAfter, LongSupplier collections, Runnable trim) {
        this.idleAfter = idleAfter;
        this.collections = collections;
        this.trim = trim;
    }

    /** One look at the collector, at {@code nowNanos}; trims and says so when the service has become idle. */
    boolean check(long nowNanos) {
        long count = collections.getAsLong();
        if (count != lastCount) {
            lastCount = count;
            quietSinceNanos = nowNanos;
            return false;
        }
        if (count == countAfterTrim || nowNanos - quietSinceNanos < idleAfter.toNanos()) {
            return false;
        }
        trim.run();
        // the trim's own full collection moved the count: that is not new work
        countAfterTrim = collections.getAsLong();
        lastCount = countAfterTrim;
        quietSinceNanos = nowNanos;
        return true;
    }
}
