package com.themepress.server.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.streams.ConsumerInfo;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.GroupInfo;

/** Keeps the subscribers' groups observable and tidy: backlog meters, and consumers of replicas long gone removed. */
final class GroupUpkeep {

    private static final Logger log = LoggerFactory.getLogger(GroupUpkeep.class);
    private static final Duration MAX_PRUNE_INTERVAL = Duration.ofMinutes(5);

    private final EventStreams streams;
    private final EventProperties properties;
    private final Clock clock;
    private final EventMetrics metrics;
    private final String consumer;
    private long lastPrune;

    GroupUpkeep(EventStreams streams, EventProperties properties, Clock clock, EventMetrics metrics, String consumer) {
        this.streams = streams;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.consumer = consumer;
        this.lastPrune = clock.millis();
    }

    void run(Collection<Subscription> subscriptions) {
        try {
            refreshBacklog(subscriptions);
            pruneConsumers(subscriptions);
        } catch (RuntimeException e) {
            log.debug("Backlog refresh failed: {}", e.getMessage());
        }
    }

    private void refreshBacklog(Collection<Subscription> subscriptions) {
        Map<String, GroupInfo> groups = new HashMap<>();
        for (GroupInfo group : streams.groups()) {
            groups.put(group.addon(), group);
        }
        for (Subscription subscription : subscriptions) {
            String addon = subscription.addon();
            GroupInfo group = groups.get(addon);
            if (group != null) {
                metrics.backlog(addon, group.lag() == null ? 0 : group.lag(), group.pending(), streams.retries().count(addon));
            }
        }
    }

    /** Consumers of replicas long gone, with nothing pending, are removed so the groups stay readable. */
    private void pruneConsumers(Collection<Subscription> subscriptions) {
        long now = clock.millis();
        long expiry = properties.consumerExpiry().toMillis();
        if (now - lastPrune < Math.min(expiry, MAX_PRUNE_INTERVAL.toMillis())) {
            return;
        }
        lastPrune = now;
        for (Subscription subscription : subscriptions) {
            String addon = subscription.addon();
            for (ConsumerInfo info : streams.consumers(addon)) {
                if (!info.name().equals(consumer) && info.pending() == 0 && info.idleMillis() > expiry) {
                    streams.deleteConsumer(addon, info.name());
                    log.info("Removed consumer {} of {}: idle since {} ms with nothing pending", info.name(), addon, info.idleMillis());
                }
            }
        }
    }
}
