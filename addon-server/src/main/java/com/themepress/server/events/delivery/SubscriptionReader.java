package com.themepress.server.events.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.delivery.Pending.Origin;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.GroupReader;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;

/**
 * The reader thread of one subscriber in this replica: takes new entries from the addon's consumer
 * group (replicas in the same group split them) while the subscriber has room, and hands them to
 * the {@link Dispatcher}. Survives Redis outages, recreating a lost group.
 */
final class SubscriptionReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionReader.class);
    private static final Duration PAUSE_AFTER_REDIS_ERROR = Duration.ofMillis(500);

    private final Subscription subscription;
    private final String addon;
    private final EventStreams streams;
    private final Dispatcher dispatcher;
    private final EventMetrics metrics;
    private final RunState engine;
    private final int readBatch;
    private final GroupReader reader;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);

    SubscriptionReader(Subscription subscription, String consumer, EventStreams streams, Dispatcher dispatcher,
            EventMetrics metrics, RunState engine, int readBatch) {
        this.subscription = subscription;
        this.addon = subscription.addon();
        this.streams = streams;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.engine = engine;
        this.readBatch = readBatch;
        this.reader = streams.reader(addon, consumer);
        this.thread = Threads.daemon(this, "event-reader-" + addon);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped.countDown();
        thread.interrupt();
        reader.close();
    }

    private boolean live() {
        return engine.running() && stopped.getCount() > 0;
    }

    @Override
    public void run() {
        boolean failing = false;
        while (live()) {
            try {
                if (!subscription.groupReady()) {
                    streams.ensureGroup(addon);
                    subscription.paused(streams.paused().isPaused(addon)); // before its first read, not at the next sweep
                    subscription.groupReady(true);
                }
                if (subscription.paused()) {
                    if (!pause()) {
                        break;
                    }
                    continue;
                }
                // Wait for room before reading, so entries this replica cannot start stay free for others.
                int room = Math.min(readBatch, subscription.awaitRoom());
                List<StreamMessage<String, String>> read = reader.readNew(room);
                boolean recovered = failing;
                if (failing) {
                    log.info("Reading events for {} again", addon);
                    failing = false;
                }
                if (read != null && !read.isEmpty()) {
                    dispatcher.dispatch(subscription, read, Origin.NEW);
                }
                if (recovered) {
                    recoverOwnPending();
                }
            } catch (InterruptedException | RedisCommandInterruptedException e) {
                break;
            } catch (RedisException e) {
                if (!live()) {
                    break;
                }
                if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                    subscription.groupReady(false); // Redis lost the group (flushed or replaced): recreate it
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
     * once rather than after the claim idle time (90 s for a default subscriber). Entries still in
     * flight here are skipped; the rest may reach the subscriber twice, which at-least-once allows
     * and the event id lets it drop.
     */
    private void recoverOwnPending() throws InterruptedException {
        String after = "0-0";
        while (live()) {
            List<StreamMessage<String, String>> own = reader.readOwnPending(after, Math.max(1, subscription.room()));
            if (own == null || own.isEmpty()) {
                return;
            }
            after = own.get(own.size() - 1).getId();
            List<StreamMessage<String, String>> readable = own.stream()
                    .filter(m -> m.getBody() != null && !m.getBody().isEmpty() && !subscription.inFlight(m.getId())).toList();
            if (!readable.isEmpty()) {
                log.info("Reading back {} event(s) of {} that this replica was given while Redis was away", readable.size(), addon);
                metrics.redelivery(addon, "recovered", readable.size());
                dispatcher.dispatch(subscription, readable, Origin.RECLAIMED);
            }
        }
    }

    /** Waits before reading again after a failure; a stop ends the wait at once. False: the reader should end. */
    private boolean pause() {
        try {
            return !stopped.await(PAUSE_AFTER_REDIS_ERROR.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
