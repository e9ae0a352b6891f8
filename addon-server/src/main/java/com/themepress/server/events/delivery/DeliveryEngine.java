package com.themepress.server.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.permissions.EventPermissions;

import io.lettuce.core.RedisException;

/**
 * One replica's share of delivering events to subscribers. Per subscribing addon a
 * {@link SubscriptionReader} takes new entries from the addon's consumer group, and the
 * {@link Dispatcher}'s pool delivers them. An entry is acknowledged only after the subscriber's 2xx;
 * a failure moves it, in the same Redis step as the acknowledgement, to the addon's retry schedule
 * ({@link Settlement}). A periodic {@link Sweep} takes due retries and entries another replica read
 * but never settled. Deliveries are at least once: subscribers drop duplicates by event id.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private record Subscriber(Subscription subscription, SubscriptionReader reader) {
    }

    private final EventStreams streams;
    private final EventProperties properties;
    private final EventMetrics metrics;
    private final String consumer;
    private final RunState state = new RunState();
    private final Settlement settlement;
    private final Dispatcher dispatcher;
    private final Sweep sweep;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public DeliveryEngine(EventStreams streams, SubscriberDelivery delivery, DeadLetterSink deadLetters, EventPermissions permissions,
            EventProperties properties, Clock clock, EventMetrics metrics, String consumer) {
        this.streams = streams;
        this.properties = properties;
        this.metrics = metrics;
        this.consumer = consumer;
        this.settlement = new Settlement(streams, deadLetters, properties, clock, metrics);
        this.dispatcher = new Dispatcher(streams, delivery, permissions, settlement, metrics, state, properties.deliveryThreads());
        this.sweep = new Sweep(streams, dispatcher, permissions, properties, clock, metrics, consumer);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "event-sweep"));
        long interval = properties.sweepInterval().toMillis();
        this.sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    public String consumer() {
        return consumer;
    }

    public Set<String> subscribers() {
        return Set.copyOf(subscribers.keySet());
    }

    /** The manifest this replica delivers to {@code addon} with, or null when it does not deliver to it. */
    public @Nullable AddonManifest subscriber(String addon) {
        Subscriber subscriber = subscribers.get(addon);
        return subscriber == null ? null : subscriber.subscription().manifest();
    }

    /**
     * Starts (or updates) delivery to {@code manifest}'s addon. Its group is created right away when
     * Redis answers, so events published after this returns reach it; otherwise its reader retries.
     */
    public void subscribe(AddonManifest manifest) {
        Subscriber existing = subscribers.get(manifest.name());
        if (existing != null) {
            existing.subscription().update(manifest);
            return;
        }
        Subscription subscription = new Subscription(manifest, properties.maxInFlight());
        Subscriber subscriber = new Subscriber(subscription,
                new SubscriptionReader(subscription, consumer, streams, dispatcher, metrics, state, properties.readBatch()));
        try {
            streams.ensureGroup(manifest.name());
            subscription.paused(streams.paused().isPaused(manifest.name()));
            subscription.groupReady(true);
        } catch (RedisException e) {
            log.warn("Cannot create the consumer group of {} yet ({}); its reader keeps trying", manifest.name(), e.getMessage());
        }
        if (subscribers.putIfAbsent(manifest.name(), subscriber) == null && state.running()) {
            subscriber.reader().start();
            log.info("Delivering events to {} (patterns {}) as consumer {}", manifest.name(), manifest.events().subscribes(), consumer);
        }
    }

    /** Stops delivering to {@code addon} here; its group, pending entries and retries stay in Redis. */
    public void unsubscribe(String addon) {
        Subscriber subscriber = subscribers.remove(addon);
        if (subscriber != null) {
            subscriber.reader().stop();
            log.info("Stopped delivering events to {}", addon);
        }
    }

    /** Due retries and abandoned entries of every subscriber; runs every {@code sweep-interval}. */
    void sweep() {
        if (state.running()) {
            sweep.run(subscribers.values().stream().map(Subscriber::subscription).toList());
        }
    }

    /** How long an entry of {@code subscriber} sits unsettled before another replica takes it. */
    Duration claimIdle(AddonManifest subscriber) {
        return sweep.claimIdle(subscriber);
    }

    /** Replays a dead letter: it becomes a retry due now, with a fresh attempt count. */
    public void replay(String addon, String streamId, String event, Instant firstFailedAt) {
        settlement.replay(addon, streamId, event, firstFailedAt);
    }

    /** Stops reading, lets running deliveries finish (and be acknowledged) for up to {@code grace}. */
    void close(Duration grace) {
        state.stop();
        sweeper.shutdownNow();
        stopReaders();
        try {
            if (!dispatcher.shutdown(grace)) {
                log.warn("Deliveries still running at shutdown; other replicas will take them over after {}", properties.claimMinIdle());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** Stops at once without settling anything in flight, the way a crash would (for tests). */
    void halt() {
        state.halt();
        sweeper.shutdownNow();
        stopReaders();
        dispatcher.shutdownNow();
    }

    private void stopReaders() {
        List.copyOf(subscribers.values()).forEach(subscriber -> subscriber.reader().stop());
    }
}
