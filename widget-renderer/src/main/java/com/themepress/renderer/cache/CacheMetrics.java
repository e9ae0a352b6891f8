package com.themepress.renderer.cache;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code widget_cache_hits_total{tier}}, {@code widget_cache_misses_total{tier}},
 * {@code widget_cache_coalesced_total{scope}}, {@code widget_cache_errors_total{tier}} and
 * {@code widget_stale_served_total{addon_id,widget_id}}. Tags are bounded: tiers are fixed, addon
 * and widget ids are registered names.
 */
@Component
class CacheMetrics {

    private final MeterRegistry meters;
    private final Counter l1Hits;
    private final Counter l1Misses;
    private final Counter l2Hits;
    private final Counter l2Misses;
    private final Counter coalescedLocal;
    private final Counter coalescedRemote;
    private final Counter l2Errors;

    CacheMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.l1Hits = Counter.builder("widget.cache.hits").tag("tier", "l1").description("Widget requests answered from this tier").register(meters);
        this.l1Misses = Counter.builder("widget.cache.misses").tag("tier", "l1").description("Widget requests this tier could not answer").register(meters);
        this.l2Hits = Counter.builder("widget.cache.hits").tag("tier", "l2").register(meters);
        this.l2Misses = Counter.builder("widget.cache.misses").tag("tier", "l2").register(meters);
        this.coalescedLocal = Counter.builder("widget.cache.coalesced").tag("scope", "local")
                .description("Requests that waited for an identical render in flight").register(meters);
        this.coalescedRemote = Counter.builder("widget.cache.coalesced").tag("scope", "remote").register(meters);
        this.l2Errors = Counter.builder("widget.cache.errors").tag("tier", "l2")
                .description("Redis operations that failed; the request went on without L2").register(meters);
    }

    void l1(boolean hit) {
        (hit ? l1Hits : l1Misses).increment();
    }

    void l2(boolean hit) {
        (hit ? l2Hits : l2Misses).increment();
    }

    void coalesced(boolean remote) {
        (remote ? coalescedRemote : coalescedLocal).increment();
    }

    void l2Error() {
        l2Errors.increment();
    }

    void staleServed(CacheKey key) {
        meters.counter("widget.stale.served", "addon_id", key.addon(), "widget_id", key.widget()).increment();
    }
}
