package com.themepress.gateway.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.model.requests.DisconnectedClients;

import io.micrometer.core.instrument.MeterRegistry;

/** One count of clients that left before their answer, for the route table and the widget edge alike. */
@Configuration(proxyBeanMethods = false)
class DisconnectedClientsConfiguration {

    @Bean
    DisconnectedClients disconnectedClients(MeterRegistry meters) {
        return new DisconnectedClients(meters);
    }
}
