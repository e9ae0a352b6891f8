package com.themepress.gateway.widgets;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code gateway_widget_requests_seconds{status="2xx|3xx|4xx|5xx"}}: what the widget edge answered
 * and how long it took, in the place of the per-route metric Spring Cloud Gateway keeps for the
 * routes it serves. One timer per status class, built once: the edge records one per request.
 * {@code gateway_widget_in_flight}: widget GETs waiting for the renderer now.
 */
final class WidgetEdgeMetrics {

    private final Timer[] byClass = new Timer[6];
    private final MeterRegistry meters;

    WidgetEdgeMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (int i = 2; i < byClass.length; i++) {
            byClass[i] = Timer.builder("gateway.widget.requests")
                    .description("Widget GETs the gateway proxied to the renderer, by status class")
                    .tag("status", i + "xx")
                    .register(meters);
        }
    }

    void record(int status, long nanos) {
        int statusClass = status / 100;
        byClass[Math.max(2, Math.min(5, statusClass))].record(nanos, TimeUnit.NANOSECONDS);
    }

    void inFlight(IntSupplier count) {
        Gauge.builder("gateway.widget.in.flight", count::getAsInt)
                .description("Widget GETs sent to the renderer and not yet answered")
                .register(meters);
    }
}
