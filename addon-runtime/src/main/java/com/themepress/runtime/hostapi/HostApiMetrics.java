package com.themepress.runtime.hostapi;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code host_api_requests_total{addon_id,outcome}}: what containers asked of the host API and how it
 * ended. Outcomes are a fixed set; a request without a valid token counts under {@code unknown}, so a
 * flood of forged tokens cannot grow the label set.
 */
@Component
class HostApiMetrics {

    private final MeterRegistry meters;

    HostApiMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String addon, String outcome) {
        Counter.builder("host.api.requests").description("Host API requests from addon containers")
                .tags("addon_id", addon, "outcome", outcome).register(meters).increment();
    }
}
