package com.themepress.server.callstats;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counters per addon name, since this replica started. Bounded: a caller may execute names that exist
 * nowhere (each a 404), and such names must not grow memory without end; the least used are dropped.
 */
@Component
class CallStats {

    static final int MAX_ADDONS = 10_000;

    /** One addon's calls; latency in nanoseconds. */
    static final class Counters {
        final LongAdder executions = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder totalNanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
    }

    record Snapshot(String addon, long executions, long refused, long errors, double meanMillis, double maxMillis, Instant since,
            String scope) {
    }

    private final Cache<String, Counters> byAddon = Caffeine.newBuilder().maximumSize(MAX_ADDONS).build();
    private final Instant since;

    CallStats(Clock clock) {
        this.since = clock.instant();
    }

    void record(String addon, int status, long nanos) {
        Counters counters = byAddon.get(addon, name -> new Counters());
        counters.executions.increment();
        if (status >= 500) {
            counters.errors.increment();
        } else if (status >= 400) {
            counters.refused.increment();
        }
        counters.totalNanos.add(nanos);
        counters.maxNanos.accumulate(nanos);
    }

    Snapshot of(String addon) {
        Counters counters = byAddon.getIfPresent(addon);
        if (counters == null) {
            return new Snapshot(addon, 0, 0, 0, 0, 0, since, "replica");
        }
        long executions = counters.executions.sum();
        double mean = executions == 0 ? 0 : counters.totalNanos.sum() / 1e6 / executions;
        return new Snapshot(addon, executions, counters.refused.sum(), counters.errors.sum(), mean, counters.maxNanos.get() / 1e6, since,
                "replica");
    }
}
