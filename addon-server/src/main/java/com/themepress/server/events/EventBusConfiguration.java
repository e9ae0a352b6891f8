package com.themepress.server.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/** The bus's meters, shared by publishing and delivery. */
@Configuration(proxyBeanMethods = false)
class EventBusConfiguration {

    @Bean
    EventMetrics eventMetrics(MeterRegistry meters) {
        return new EventMetrics(meters);
    }
}
