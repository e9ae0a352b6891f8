package com.themepress.server.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.delivery.Pending.Origin;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.RetrySchedule.Leased;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.permissions.EventPermissions.Receipt;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.ClaimedMessages;

/**
 * The periodic pass over every subscriber: takes due retries (leased, so a replica dying mid-retry
 * only delays them) and, with XAUTOCLAIM, entries another replica read but never settled; then
 * the {@link GroupUpkeep}.
 */
final class Sweep {

    private static final Logger log = LoggerFactory.getLogger(Sweep.class);

    private final EventStreams streams;
    private final Dispatcher dispatcher;
    private final EventPermissions permissions;
    private final EventProperties properties;
    private final Clock clock;
    private final EventMetrics metrics;
    private final String consumer;
    private final GroupUpkeep upkeep;

    Sweep(EventStreams streams, Dispatcher dispatcher, EventPermissions permissions, EventProperties properties, Clock clock,
            EventMetrics metrics, String consumer) {
        this.streams = streams;
        this.dispatcher = dispatcher;
        this.permissions = permissions;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.consumer = consumer;
        this.upkeep = new GroupUpkeep(streams, properties, clock, metrics, consumer);
    }

    /** One pass; each subscriber's failure is logged and the others still get theirs. */
    synchronized void run(Collection<Subscription> subscriptions) {
        refreshPaused(subscriptions);
        for (Subscription subscription : subscriptions) {
            if (!subscription.groupReady() || subscription.paused()) {
                continue;
            }
            try {
                reclaim(subscription);
                retryDue(subscription);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RedisException e) {
                log.debug("Sweep for {} failed: {}", subscription.addon(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Sweep for {} failed", subscription.addon(), e);
            }
        }
        upkeep.run(subscriptions);
    }

    /** Pause is decided by the retention pass of any replica and kept in Redis; without Redis, the last known state holds. */
    private void refreshPaused(Collection<Subscription> subscriptions) {
        try {
            Set<String> paused = streams.paused().all().keySet();
            subscriptions.forEach(subscription -> subscription.paused(paused.contains(subscription.addon())));
        } catch (RedisException e) {
            log.debug("Cannot read the paused subscribers: {}", e.getMessage());
        }
    }

    /**
     * How long an entry must sit unsettled before another replica takes it: {@code claim-min-idle}, but
     * never less than one delivery can take while its replica is alive (the subscriber's timeout, once
     * more after a lazy deployment, plus the retry lease), or a slow subscriber would get duplicates.
     */
    Duration claimIdle(AddonManifest subscriber) {
        Duration longestDelivery = Duration.ofMillis(subscriber.resources().timeoutMs()).multipliedBy(2).plus(properties.retryLease());
        return longestDelivery.compareTo(properties.claimMinIdle()) > 0 ? longestDelivery : properties.claimMinIdle();
    }

    /** XAUTOCLAIM: entries of this group idle for {@link #claimIdle} belong to a consumer presumed dead. */
    private void reclaim(Subscription subscription) throws InterruptedException {
        int room = subscription.room();
        if (room == 0) {
            return;
        }
        Duration minIdle = claimIdle(subscription.manifest());
        ClaimedMessages<String, String> claimed = streams.autoclaim(subscription.addon(), consumer, minIdle,
                subscription.claimCursor, room);
        subscription.claimCursor = claimed.getId() == null ? "0-0" : claimed.getId();
        List<StreamMessage<String, String>> entries = claimed.getMessages().stream()
                .filter(m -> m != null && m.getBody() != null && !m.getBody().isEmpty()).toList();
        if (!entries.isEmpty()) {
            log.info("Took over {} unacknowledged event(s) of {} from a consumer idle for over {}", entries.size(),
                    subscription.addon(), minIdle);
            metrics.redelivery(subscription.addon(), "reclaimed", entries.size());
            dispatcher.dispatch(subscription, entries, Origin.RECLAIMED);
        }
    }

    private void retryDue(Subscription subscription) throws InterruptedException {
        int room = subscription.room();
        if (room == 0) {
            return;
        }
        String addon = subscription.addon();
        long now = clock.millis();
        long leaseUntil = now + subscription.manifest().resources().timeoutMs() + properties.retryLease().toMillis();
        for (Leased leased : streams.retries().leaseDue(addon, now, leaseUntil, room)) {
            if (leased.state().isEmpty()) {
                streams.retries().finish(addon, leased.id());
                continue;
            }
            RetryState state = RetryState.decode(leased.state());
            EventEnvelope event = EventEnvelope.fromJson(state.event());
            Receipt receipt = permissions.receipt(subscription.manifest(), event.type(), event.source(), event.site());
            if (receipt != Receipt.DELIVER) {
                streams.retries().finish(addon, leased.id());
                if (receipt == Receipt.SOURCE_REFUSED) {
                    metrics.sourceRefused(addon, 1);
                }
                continue;
            }
            metrics.redelivery(addon, state.replay() ? "replay" : "retry", 1);
            dispatcher.start(subscription, new Pending(leased.id(), state.event(), state.attempts(), state.firstFailedAt(),
                    state.replay(), Origin.RETRY));
        }
    }
}
