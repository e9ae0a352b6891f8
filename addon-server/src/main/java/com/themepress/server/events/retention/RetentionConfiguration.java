package com.themepress.server.events.retention;

import java.time.Clock;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.themepress.server.events.streams.EventStreams;

import io.micrometer.core.instrument.MeterRegistry;

/** The stream's retention, started once the server is ready. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    /** Its meaning changed (it dropped unread events); a start that still sets it is refused rather than silently ignored. */
    static final String RETIRED = "themepress.events.stream-max-length";

    @Bean
    BacklogMetrics backlogMetrics(MeterRegistry meters) {
        return new BacklogMetrics(meters);
    }

    @Bean
    BacklogGate backlogGate(RetentionProperties properties, BacklogMetrics metrics, Environment environment) {
        refuseRetired(environment);
        return new BacklogGate(properties, metrics);
    }

    static void refuseRetired(Environment environment) {
        if (environment.containsProperty(RETIRED)) {
            throw new IllegalStateException(RETIRED + " is retired: the stream is no longer trimmed by count. Use "
                    + "themepress.events.retention.max-length (settled entries kept) and themepress.events.retention.max-backlog (publishing refused beyond).");
        }
    }

    @Bean(destroyMethod = "close")
    StreamRetention streamRetention(EventStreams streams, RetentionProperties properties, BacklogGate gate, BacklogMetrics metrics,
            Clock clock) {
        return new StreamRetention(streams, properties, gate, metrics, clock);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> startStreamRetention(StreamRetention retention) {
        return ready -> retention.start();
    }
}
