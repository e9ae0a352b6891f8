package com.themepress.server.events.delivery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.permissions.EventPermissions;

/** The delivery engine, consuming as {@code consumer-name} or, unset, as this host plus a random suffix. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean(destroyMethod = "close")
    DeliveryEngine deliveryEngine(EventStreams streams, SubscriberDelivery delivery, DeadLetterSink deadLetters,
            EventPermissions permissions, EventProperties properties, Clock clock, EventMetrics metrics) {
        String consumer = properties.consumerName() != null ? properties.consumerName() : defaultConsumerName();
        return new DeliveryEngine(streams, delivery, deadLetters, permissions, properties, clock, metrics, consumer);
    }

    private static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "addon-server";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
