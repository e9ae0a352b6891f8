package com.themepress.server.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The bus's meters. Labels stay bounded: {@code addon_id} is always a registered subscribing addon,
 * {@code origin}, {@code outcome} and {@code reason} come from fixed sets.
 */
public final class EventMetrics {

    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Map<String, AtomicLong[]> backlog = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param origin {@code api} or {@code execute} */
    public void published(String origin) {
        published(origin, 1);
    }

    public void published(String origin, int count) {
        registry.counter("events_published_total", "origin", origin).increment(count);
    }

    /** An execute's events could not be published at once and wait in the outbox. */
    public void outboxDeferred() {
        registry.counter("event_outbox_deferred_total").increment();
    }

    public void delivered(String addon, Duration latency) {
        registry.counter("event_deliveries_total", "addon_id", addon, "outcome", "delivered").increment();
        this.latency.computeIfAbsent(addon, a -> Timer.builder("event_delivery_latency_seconds")
                        .description("From publish to the subscriber's acknowledgement")
                        .tag("addon_id", a).serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** A delivery failed and will be retried. */
    public void failed(String addon) {
        registry.counter("event_deliveries_total", "addon_id", addon, "outcome", "failed").increment();
    }

    public void deadLettered(String addon) {
        registry.counter("event_deliveries_total", "addon_id", addon, "outcome", "dead_lettered").increment();
        registry.counter("event_dead_letters_total", "addon_id", addon).increment();
    }

    /**
     * Events of a type the subscriber takes, from a source none of its subscriptions accepts: settled
     * for it without a delivery. No {@code source} label: an admin may publish as any name.
     */
    public void sourceRefused(String addon, int count) {
        registry.counter("event_source_refusals_total", "addon_id", addon).increment(count);
    }

    /** @param reason {@code retry}, {@code reclaimed} (taken over from a dead replica) or {@code replay} */
    public void redelivery(String addon, String reason, int count) {
        registry.counter("event_redeliveries_total", "addon_id", addon, "reason", reason).increment(count);
    }

    /** Entries not yet read by the subscriber's group, read but unacknowledged, and waiting for a retry. */
    public void backlog(String addon, long lag, long pending, long retrying) {
        AtomicLong[] values = backlog.computeIfAbsent(addon, a -> {
            AtomicLong[] created = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
            Gauge.builder("event_subscriber_lag", created[0], AtomicLong::get).tag("addon_id", a)
                    .description("Events the subscriber's group has not read yet").register(registry);
            Gauge.builder("event_subscriber_pending", created[1], AtomicLong::get).tag("addon_id", a)
                    .description("Events read but not yet acknowledged").register(registry);
            Gauge.builder("event_subscriber_retrying", created[2], AtomicLong::get).tag("addon_id", a)
                    .description("Events waiting for a retry").register(registry);
            return created;
        });
        values[0].set(lag);
        values[1].set(pending);
        values[2].set(retrying);
    }
}
