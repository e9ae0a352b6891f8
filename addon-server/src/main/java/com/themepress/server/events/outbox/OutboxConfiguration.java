package com.themepress.server.events.outbox;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.publishing.EventPublisher;
import com.themepress.server.events.retention.BacklogGate;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.execute.AnsweredCalls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The outbox's parts share one count of the calls whose events wait, which the gauge shows. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    private final AtomicLong depth = new AtomicLong();

    @Bean
    OutboxStore outboxStore(MongoTemplate mongo) {
        return new OutboxStore(mongo);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxStore store, EventStreams streams, AnsweredCalls answers, EventMetrics metrics,
            OutboxProperties properties, Clock clock, MeterRegistry meters) {
        Gauge.builder("event_outbox_depth", depth, AtomicLong::get)
                .description("Execute calls whose events wait in the outbox for the event bus").register(meters);
        return new OutboxRelay(store, streams, answers, metrics, properties, clock, depth);
    }

    @Bean
    ExecuteOutbox executeOutbox(OutboxStore store, OutboxRelay relay, EventPublisher publisher, EventStreams streams,
            BacklogGate gate, OutboxProperties properties, Clock clock) {
        return new ExecuteOutbox(store, relay, publisher, streams, gate, properties, clock, depth);
    }
}
