package com.themepress.gateway.widgets;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code gateway_widget_requests_seconds{status="2xx|3xx|4xx|5xx"}}: what the widget edge answered
 * and how long it took, in the place of the per-route metric Spring Cloud Gateway keeps for the
 * routes it serves. One timer per status class, built once: the edge records one per request.
 */
final class WidgetEdgeMetrics {

    private final Timer[] byClass = new Timer[6];

    WidgetEdgeMetrics(MeterRegistry meters) {
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
}
