package com.themepress.server.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.server.events.DeadLetterSink.DeadLetter;
import com.themepress.server.events.EventStreams.GroupInfo;
import com.themepress.server.events.SubscriberDelivery.Attempt;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.ClaimedMessages;

/**
 * One replica's share of delivering events to subscribers. Per subscribing addon a reader thread
 * takes new entries from the addon's consumer group (replicas in the same group split them), and a
 * pool delivers them. An entry is acknowledged only after the subscriber's 2xx; a failure moves it,
 * in the same Redis step as the acknowledgement, to the addon's retry schedule. A periodic sweep
 * takes due retries (leased, so a replica dying mid-retry only delays it) and, with XAUTOCLAIM,
 * entries another replica read but never settled. Deliveries are at least once: subscribers drop
 * duplicates by event id.
 */
final class DeliveryEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final Duration PAUSE_AFTER_REDIS_ERROR = Duration.ofMillis(500);

    private enum Origin { NEW, RECLAIMED, RETRY }

    /** One delivery about to run: {@code attempts} failed before it. */
    private record Pending(String id, String event, int attempts, @Nullable Instant firstFailedAt, boolean replay, Origin origin) {
    }

    private final EventStreams streams;
    private final SubscriberDelivery delivery;
    private final DeadLetterSink deadLetters;
    private final EventPermissions permissions;
    private final EventProperties properties;
    private final Clock clock;
    private final EventMetrics metrics;
    private final String consumer;
    private final Backoff backoff;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor deliveries;
    private final ScheduledExecutorService sweeper;
    private volatile boolean running = true;
    private volatile boolean halted;
    private volatile long lastPrune;

    DeliveryEngine(EventStreams streams, SubscriberDelivery delivery, DeadLetterSink deadLetters, EventPermissions permissions,
            EventProperties properties, Clock clock, EventMetrics metrics, String consumer) {
        this.streams = streams;
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.permissions = permissions;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.consumer = consumer;
        this.backoff = properties.backoff();
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = new ThreadPoolExecutor(properties.deliveryThreads(), properties.deliveryThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "event-delivery-" + threads.incrementAndGet()));
        this.deliveries.allowCoreThreadTimeOut(true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "event-sweep"));
        long interval = properties.sweepInterval().toMillis();
        this.sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        this.lastPrune = clock.millis();
    }

    String consumer() {
        return consumer;
    }

    Set<String> subscribers() {
        return Set.copyOf(subscriptions.keySet());
    }

    @Nullable AddonManifest subscriber(String addon) {
        Subscription subscription = subscriptions.get(addon);
        return subscription == null ? null : subscription.manifest;
    }

    /**
     * Starts (or updates) delivery to {@code manifest}'s addon. Its group is created right away when
     * Redis answers, so events published after this returns reach it; otherwise its reader retries.
     */
    void subscribe(AddonManifest manifest) {
        Subscription existing = subscriptions.get(manifest.name());
        if (existing != null) {
            existing.manifest = manifest;
            return;
        }
        Subscription subscription = new Subscription(manifest);
        try {
            streams.ensureGroup(manifest.name());
            subscription.groupReady = true;
        } catch (RedisException e) {
            log.warn("Cannot create the consumer group of {} yet ({}); its reader keeps trying", manifest.name(), e.getMessage());
        }
        if (subscriptions.putIfAbsent(manifest.name(), subscription) == null && running) {
            subscription.thread.start();
            log.info("Delivering events to {} (patterns {}) as consumer {}", manifest.name(), manifest.events().subscribes(), consumer);
        }
    }

    /** Stops delivering to {@code addon} here; its group, pending entries and retries stay in Redis. */
    void unsubscribe(String addon) {
        Subscription subscription = subscriptions.remove(addon);
        if (subscription != null) {
            subscription.stop();
            log.info("Stopped delivering events to {}", addon);
        }
    }

    /** Reader of one subscriber's group in this replica. */
    private final class Subscription implements Runnable {

        final String addon;
        volatile AddonManifest manifest;
        volatile boolean groupReady;
        volatile boolean stopped;
        final Semaphore inFlight = new Semaphore(properties.maxInFlight());
        final Set<String> active = ConcurrentHashMap.newKeySet();
        final Thread thread;
        final EventStreams.Reader reader;
        String claimCursor = "0-0";

        Subscription(AddonManifest manifest) {
            this.addon = manifest.name();
            this.manifest = manifest;
            this.reader = streams.reader(addon, consumer);
            this.thread = daemon(this, "event-reader-" + addon);
        }

        @Override
        public void run() {
            boolean failing = false;
            while (running && !stopped) {
                try {
                    if (!groupReady) {
                        streams.ensureGroup(addon);
                        groupReady = true;
                    }
                    // Wait for room before reading, so entries this replica cannot start stay free for others.
                    inFlight.acquire();
                    int room = Math.min(properties.readBatch(), inFlight.availablePermits() + 1);
                    inFlight.release();
                    List<StreamMessage<String, String>> read = reader.readNew(room);
                    boolean recovered = failing;
                    if (failing) {
                        log.info("Reading events for {} again", addon);
                        failing = false;
                    }
                    if (read != null && !read.isEmpty()) {
                        dispatch(this, read, Origin.NEW);
                    }
                    if (recovered) {
                        recoverOwnPending();
                    }
                } catch (InterruptedException | RedisCommandInterruptedException e) {
                    break;
                } catch (RedisException e) {
                    if (!running || stopped) {
                        break;
                    }
                    if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                        groupReady = false; // Redis lost the group (flushed or replaced): recreate it
                    }
                    if (!failing) {
                        log.warn("Cannot read events for {} ({}); retrying", addon, e.getMessage());
                        failing = true;
                    }
                    if (!pause()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    log.error("Unexpected failure reading events for {}", addon, e);
                    if (!pause()) {
                        break;
                    }
                }
            }
            reader.close();
        }

        /**
         * After Redis was away, reads back what this consumer was given but may never have seen, at
         * once rather than after {@link #claimIdle} (90 s for a default subscriber). Entries still in
         * flight here are skipped by {@link #start}; the rest may reach the subscriber twice, which
         * at-least-once allows and the event id lets it drop.
         */
        private void recoverOwnPending() throws InterruptedException {
            String after = "0-0";
            while (running && !stopped) {
                List<StreamMessage<String, String>> own = reader.readOwnPending(after, Math.max(1, inFlight.availablePermits()));
                if (own == null || own.isEmpty()) {
                    return;
                }
                after = own.get(own.size() - 1).getId();
                List<StreamMessage<String, String>> readable = own.stream()
                        .filter(m -> m.getBody() != null && !m.getBody().isEmpty() && !active.contains(m.getId())).toList();
                if (!readable.isEmpty()) {
                    log.info("Reading back {} event(s) of {} that this replica was given while Redis was away", readable.size(), addon);
                    metrics.redelivery(addon, "recovered", readable.size());
                    dispatch(this, readable, Origin.RECLAIMED);
                }
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            reader.close();
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(PAUSE_AFTER_REDIS_ERROR.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts delivery of entries this consumer now owns; those the subscriber does not get are acknowledged. */
    private void dispatch(Subscription subscription, List<StreamMessage<String, String>> entries, Origin origin)
            throws InterruptedException {
        List<String> notForIt = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> body = entry.getBody();
            String event = body == null ? null : body.get(EventStreams.EVENT);
            String type = body == null ? null : body.get(EventStreams.TYPE);
            if (event == null || type == null
                    || !permissions.mayReceive(subscription.manifest, type, body.get(EventStreams.SITE))) {
                notForIt.add(entry.getId());
            } else {
                start(subscription, new Pending(entry.getId(), event, 0, null, false, origin));
            }
        }
        if (!notForIt.isEmpty()) {
            streams.ack(subscription.addon, notForIt.toArray(String[]::new));
        }
    }

    private void start(Subscription subscription, Pending pending) throws InterruptedException {
        if (!subscription.active.add(pending.id())) {
            return; // already being delivered here
        }
        subscription.inFlight.acquire();
        try {
            deliveries.execute(() -> deliverAndSettle(subscription, pending));
        } catch (RuntimeException e) {
            subscription.active.remove(pending.id());
            subscription.inFlight.release();
            throw e;
        }
    }

    private void deliverAndSettle(Subscription subscription, Pending pending) {
        try {
            Attempt attempt;
            try {
                attempt = delivery.deliver(subscription.manifest, pending.event().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                attempt = Attempt.failed("delivery failed: " + e);
            }
            if (halted) {
                return; // as if this replica died here: the entry stays pending or leased
            }
            settle(subscription.addon, pending, attempt);
        } catch (RuntimeException e) {
            log.warn("Cannot record the outcome of delivering {} to {} ({}); it will be delivered again",
                    pending.id(), subscription.addon, e.toString());
        } finally {
            subscription.active.remove(pending.id());
            subscription.inFlight.release();
        }
    }

    private void settle(String addon, Pending pending, Attempt attempt) {
        Instant now = clock.instant();
        if (attempt.acknowledged()) {
            remove(addon, pending);
            if (pending.replay()) {
                try {
                    deadLetters.replayDelivered(addon, EventEnvelope.fromJson(pending.event()).id());
                } catch (RuntimeException e) {
                    log.warn("Replayed event {} reached {}, but its dead letter could not be marked delivered: {}", pending.id(), addon, e.toString());
                }
            }
            metrics.delivered(addon, Duration.between(EventEnvelope.fromJson(pending.event()).time(), now));
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
        streams.scheduleRetry(addon, pending.id(), due,
                new RetryState(failures, firstFailedAt, pending.replay(), pending.event()).encode(), pending.origin() != Origin.RETRY);
        metrics.failed(addon);
        log.debug("Delivering {} to {} failed ({}); attempt {} at {}", pending.id(), addon, attempt.detail(), failures + 1,
                Instant.ofEpochMilli(due));
    }

    private void remove(String addon, Pending pending) {
        if (pending.origin() == Origin.RETRY) {
            streams.finishRetry(addon, pending.id());
        } else {
            streams.ack(addon, pending.id());
        }
    }

    /** Due retries and abandoned entries of every subscriber; runs every {@code sweep-interval}. */
    void sweep() {
        if (!running) {
            return;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.groupReady) {
                continue;
            }
            try {
                reclaim(subscription);
                retryDue(subscription);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RedisException e) {
                log.debug("Sweep for {} failed: {}", subscription.addon, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Sweep for {} failed", subscription.addon, e);
            }
        }
        try {
            refreshBacklog();
            pruneConsumers();
        } catch (RuntimeException e) {
            log.debug("Backlog refresh failed: {}", e.getMessage());
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
        int room = subscription.inFlight.availablePermits();
        if (room == 0) {
            return;
        }
        Duration minIdle = claimIdle(subscription.manifest);
        ClaimedMessages<String, String> claimed = streams.autoclaim(subscription.addon, consumer, minIdle,
                subscription.claimCursor, room);
        subscription.claimCursor = claimed.getId() == null ? "0-0" : claimed.getId();
        List<StreamMessage<String, String>> entries = claimed.getMessages().stream()
                .filter(m -> m != null && m.getBody() != null && !m.getBody().isEmpty()).toList();
        if (!entries.isEmpty()) {
            log.info("Took over {} unacknowledged event(s) of {} from a consumer idle for over {}", entries.size(),
                    subscription.addon, minIdle);
            metrics.redelivery(subscription.addon, "reclaimed", entries.size());
            dispatch(subscription, entries, Origin.RECLAIMED);
        }
    }

    private void retryDue(Subscription subscription) throws InterruptedException {
        int room = subscription.inFlight.availablePermits();
        if (room == 0) {
            return;
        }
        long now = clock.millis();
        long leaseUntil = now + subscription.manifest.resources().timeoutMs() + properties.retryLease().toMillis();
        for (EventStreams.Leased leased : streams.leaseDue(subscription.addon, now, leaseUntil, room)) {
            if (leased.state().isEmpty()) {
                streams.finishRetry(subscription.addon, leased.id());
                continue;
            }
            RetryState state = RetryState.decode(leased.state());
            EventEnvelope event = EventEnvelope.fromJson(state.event());
            if (!permissions.mayReceive(subscription.manifest, event.type(), event.site())) {
                streams.finishRetry(subscription.addon, leased.id());
                continue;
            }
            metrics.redelivery(subscription.addon, state.replay() ? "replay" : "retry", 1);
            start(subscription, new Pending(leased.id(), state.event(), state.attempts(), state.firstFailedAt(), state.replay(),
                    Origin.RETRY));
        }
    }

    private void refreshBacklog() {
        Map<String, GroupInfo> groups = new java.util.HashMap<>();
        for (GroupInfo group : streams.groups()) {
            groups.put(group.addon(), group);
        }
        for (String addon : subscriptions.keySet()) {
            GroupInfo group = groups.get(addon);
            if (group != null) {
                metrics.backlog(addon, group.lag() == null ? 0 : group.lag(), group.pending(), streams.retrying(addon));
            }
        }
    }

    /** Consumers of replicas long gone, with nothing pending, are removed so the groups stay readable. */
    private void pruneConsumers() {
        long now = clock.millis();
        if (now - lastPrune < Math.min(properties.consumerExpiry().toMillis(), Duration.ofMinutes(5).toMillis())) {
            return;
        }
        lastPrune = now;
        for (String addon : subscriptions.keySet()) {
            for (EventStreams.ConsumerInfo info : streams.consumers(addon)) {
                if (!info.name().equals(consumer) && info.pending() == 0 && info.idleMillis() > properties.consumerExpiry().toMillis()) {
                    streams.deleteConsumer(addon, info.name());
                    log.info("Removed consumer {} of {}: idle since {} ms with nothing pending", info.name(), addon, info.idleMillis());
                }
            }
        }
    }

    /** Replays a dead letter: it becomes a retry due now, with a fresh attempt count. */
    void replay(String addon, String streamId, String event, Instant firstFailedAt) {
        streams.scheduleRetry(addon, streamId, clock.millis(), new RetryState(0, firstFailedAt, true, event).encode(), false);
    }

    /** Stops reading, lets running deliveries finish (and be acknowledged) for up to {@code grace}. */
    void close(Duration grace) {
        running = false;
        sweeper.shutdownNow();
        subscriptions.values().forEach(Subscription::stop);
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Deliveries still running at shutdown; other replicas will take them over after {}", properties.claimMinIdle());
                deliveries.shutdownNow();
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
        halted = true;
        running = false;
        sweeper.shutdownNow();
        subscriptions.values().forEach(Subscription::stop);
        deliveries.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
