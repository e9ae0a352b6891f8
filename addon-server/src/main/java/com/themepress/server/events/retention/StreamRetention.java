package com.themepress.server.events.retention;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.GroupInfo;
import com.themepress.server.events.streams.PausedSubscribers.Paused;
import com.themepress.server.events.streams.StreamTrim;

import io.lettuce.core.RedisException;

/**
 * Every {@code interval}, on every replica (the steps are idempotent): trims what every group has
 * settled, samples the stream's size for the {@link BacklogGate}, and pauses subscribers whose
 * backlog passed {@code subscriber-max-backlog}. A paused subscriber's events stay in the stream,
 * so they still count toward the stream's bound: pausing stops futile deliveries (and the retries
 * that would turn a long outage into dead letters), it does not free memory.
 */
public final class StreamRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamRetention.class);

    private final EventStreams streams;
    private final RetentionProperties properties;
    private final BacklogGate gate;
    private final BacklogMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-retention");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastBytes;

    public StreamRetention(EventStreams streams, RetentionProperties properties, BacklogGate gate, BacklogMetrics metrics, Clock clock) {
        this.streams = streams;
        this.properties = properties;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void start() {
        long interval = properties.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RedisException e) {
            log.debug("Retention pass failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Retention pass failed", e);
        }
    }

    /** One pass: trim, sample, pause. */
    public void run() {
        long now = clock.millis();
        boolean overMemory = lastBytes > properties.maxBytes().toBytes() / 2;
        StreamTrim.Result trim = streams.trim().trim(now - properties.maxAge().toMillis(), properties.maxLength(), overMemory);
        lastBytes = trim.bytes();
        metrics.trimmed(trim.trimmed());
        gate.sampled(trim.length(), trim.bytes());
        pauseLagging(trim.length(), now);
    }

    private void pauseLagging(long length, long now) {
        Map<String, Paused> paused = streams.paused().all();
        Map<String, Long> resumed = streams.paused().resumed();
        Set<String> seen = new HashSet<>();
        Set<String> pausedNow = new HashSet<>(paused.keySet());
        for (GroupInfo group : streams.groups()) {
            String addon = group.addon();
            seen.add(addon);
            // Without a lag (Redis cannot always tell), the whole stream is the safe over-estimate.
            long backlog = (group.lag() != null ? group.lag() : length) + group.pending() + streams.retries().count(addon);
            Long atResume = resumed.get(addon);
            if (backlog <= properties.subscriberMaxBacklog()) {
                if (atResume != null) {
                    streams.paused().caughtUp(addon);
                }
            } else if (!paused.containsKey(addon) && backlog > (atResume == null ? 0 : atResume) + properties.subscriberMaxBacklog()
                    && streams.paused().pause(addon, now, backlog)) {
                pausedNow.add(addon);
                log.warn("Paused delivery to {}: {} events behind (bound {}). Its events are kept; resume it with "
                        + "POST /api/events/subscribers/{}/resume", addon, backlog, properties.subscriberMaxBacklog(), addon);
            }
        }
        seen.addAll(paused.keySet());
        metrics.paused(seen, pausedNow);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
