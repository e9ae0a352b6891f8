package com.themepress.server.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.delivery.DeadLetterSink.DeadLetter;
import com.themepress.server.events.delivery.Pending.Origin;
import com.themepress.server.events.delivery.SubscriberDelivery.Attempt;
import com.themepress.server.events.streams.EventStreams;

/**
 * Records the outcome of one delivery in Redis: acknowledged, moved to the retry schedule (in the
 * same step as the acknowledgement) with backoff, or, after {@code max-attempts} or a permanent
 * rejection, stored as a dead letter and removed.
 */
final class Settlement {

    private static final Logger log = LoggerFactory.getLogger(Settlement.class);

    private final EventStreams streams;
    private final DeadLetterSink deadLetters;
    private final EventProperties properties;
    private final Backoff backoff;
    private final Clock clock;
    private final EventMetrics metrics;

    Settlement(EventStreams streams, DeadLetterSink deadLetters, EventProperties properties, Clock clock, EventMetrics metrics) {
        this.streams = streams;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.backoff = Backoff.of(properties);
        this.clock = clock;
        this.metrics = metrics;
    }

    void settle(String addon, Pending pending, Attempt attempt) {
        Instant now = clock.instant();
        if (attempt.acknowledged()) {
            delivered(addon, pending, now);
            return;
        }
        int failures = pending.attempts() + 1;
        Instant firstFailedAt = pending.firstFailedAt() != null ? pending.firstFailedAt() : now;
        if (attempt.permanent() || failures >= properties.maxAttempts()) {
            EventEnvelope event = EventEnvelope.fromJson(pending.event());
            deadLetters.store(new DeadLetter(addon, event.id(), pending.id(), pending.event(), failures, attempt.detail(),
                    firstFailedAt, now));
            remove(addon, pending);
            metrics.deadLettered(addon);
            log.warn("Event {} ({}) to {} is a dead letter after {} attempt(s): {}", event.id(), event.type(), addon, failures,
                    attempt.detail());
            return;
        }
        long due = now.plus(backoff.delay(failures, ThreadLocalRandom.current().nextDouble())).toEpochMilli();
        streams.retries().schedule(addon, pending.id(), due,
                new RetryState(failures, firstFailedAt, pending.replay(), pending.event()).encode(), pending.origin() != Origin.RETRY);
        metrics.failed(addon);
        log.debug("Delivering {} to {} failed ({}); attempt {} at {}", pending.id(), addon, attempt.detail(), failures + 1,
                Instant.ofEpochMilli(due));
    }

    private void delivered(String addon, Pending pending, Instant now) {
        remove(addon, pending);
        if (pending.replay()) {
            try {
                deadLetters.replayDelivered(addon, EventEnvelope.fromJson(pending.event()).id());
            } catch (RuntimeException e) {
                log.warn("Replayed event {} reached {}, but its dead letter could not be marked delivered: {}", pending.id(), addon, e.toString());
            }
        }
        metrics.delivered(addon, Duration.between(EventEnvelope.fromJson(pending.event()).time(), now));
    }

    /** Takes a settled entry off whichever list it came from. */
    void remove(String addon, Pending pending) {
        if (pending.origin() == Origin.RETRY) {
            streams.retries().finish(addon, pending.id());
        } else {
            streams.ack(addon, pending.id());
        }
    }

    /** Replays a dead letter: it becomes a retry due now, with a fresh attempt count. */
    void replay(String addon, String streamId, String event, Instant firstFailedAt) {
        streams.retries().schedule(addon, streamId, clock.millis(), new RetryState(0, firstFailedAt, true, event).encode(), false);
    }
}
