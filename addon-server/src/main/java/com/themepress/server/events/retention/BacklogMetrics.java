package com.themepress.server.events.retention;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The retention meters: the stream's size, whether publishing is refused, what was refused and
 * trimmed, and which subscribers are paused. {@code addon_id} is always a subscribing addon.
 */
public final class BacklogMetrics {

    private final MeterRegistry registry;
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong full = new AtomicLong();
    private final Map<String, AtomicLong> paused = new ConcurrentHashMap<>();

    public BacklogMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("event_stream_entries", entries, AtomicLong::get)
                .description("Entries in the event stream: the slowest subscriber's backlog plus settled entries kept for the log")
                .register(registry);
        Gauge.builder("event_stream_bytes", bytes, AtomicLong::get)
                .description("Redis memory the event stream uses (MEMORY USAGE, sampled)").register(registry);
        Gauge.builder("event_stream_full", full, AtomicLong::get)
                .description("1 while the stream is at its bound and publishing answers 503").register(registry);
    }

    void sampled(long entries, long bytes, boolean full) {
        this.entries.set(entries);
        this.bytes.set(bytes);
        this.full.set(full ? 1 : 0);
    }

    /** @param reason {@code entries} or {@code bytes} */
    void refused(String reason, int events) {
        registry.counter("events_refused_total", "reason", reason).increment(events);
    }

    void trimmed(long count) {
        if (count > 0) {
            registry.counter("event_stream_trimmed_total").increment(count);
        }
    }

    /** Sets the paused gauge of every subscriber seen, 1 for those in {@code pausedNow}. */
    void paused(Set<String> subscribers, Set<String> pausedNow) {
        for (String addon : subscribers) {
            paused.computeIfAbsent(addon, a -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("event_subscriber_paused", value, AtomicLong::get).tag("addon_id", a)
                        .description("1 while the subscriber is paused for its backlog").register(registry);
                return value;
            }).set(pausedNow.contains(addon) ? 1 : 0);
        }
    }
}
