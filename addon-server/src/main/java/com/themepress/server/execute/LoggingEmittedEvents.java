package com.themepress.server.execute;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/** Stand-in until the event bus lands: counts and logs accepted events so they are visible. */
@Component
class LoggingEmittedEvents implements EmittedEvents {

    private static final Logger log = LoggerFactory.getLogger(LoggingEmittedEvents.class);

    private final MeterRegistry meters;

    LoggingEmittedEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void publish(EmittedEvent event) {
        meters.counter("addon_events_emitted_total", "addon_id", event.source()).increment();
        log.info("Addon {} emitted {}", event.source(), event.type());
    }
}
