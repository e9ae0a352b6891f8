package com.themepress.server.events.deadletters;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.server.events.retention.RetentionProperties;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

/**
 * Keeps the dead letters within {@code dead-letter-max-age} and {@code dead-letter-max-count},
 * removing the oldest first, each removal counted and logged. A dead letter is a settled event (the
 * platform gave up on it and told the operator), so removing it by retention is policy, not loss.
 */
@Component
class DeadLetterRetention {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetention.class);
    private static final int BATCH = 1000;

    private final DeadLetters deadLetters;
    private final RetentionProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dead-letter-retention");
        thread.setDaemon(true);
        return thread;
    });

    DeadLetterRetention(DeadLetters deadLetters, RetentionProperties properties, Clock clock, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long interval = properties.deadLetterInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Dead-letter retention failed: {}", e.toString());
        }
    }

    /** One pass: by age, then by count. */
    void run() {
        Instant cutoff = clock.instant().minus(properties.deadLetterMaxAge());
        removed("age", deadLetters.removeDeadBefore(cutoff), "older than " + properties.deadLetterMaxAge());
        long byCount;
        do {
            byCount = deadLetters.removeOldestBeyond(properties.deadLetterMaxCount(), BATCH);
            removed("count", byCount, "beyond the " + properties.deadLetterMaxCount() + " kept");
        } while (byCount == BATCH);
    }

    private void removed(String reason, long count, String why) {
        if (count > 0) {
            meters.counter("event_dead_letters_expired_total", "reason", reason).increment(count);
            log.info("Removed {} dead letter(s) {} (retention policy: dead letters are settled events)", count, why);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
