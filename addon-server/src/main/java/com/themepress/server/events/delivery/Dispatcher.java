package com.themepress.server.events.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.delivery.Pending.Origin;
import com.themepress.server.events.delivery.SubscriberDelivery.Attempt;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamFields;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.permissions.EventPermissions.Receipt;

import io.lettuce.core.StreamMessage;

/**
 * The delivery threads of one replica, shared by all subscribers: each delivery runs here and is
 * settled as soon as the subscriber answers. A subscriber has at most {@code max-in-flight}
 * deliveries running at once.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final EventStreams streams;
    private final SubscriberDelivery delivery;
    private final EventPermissions permissions;
    private final Settlement settlement;
    private final EventMetrics metrics;
    private final RunState state;
    private final ThreadPoolExecutor pool;

    Dispatcher(EventStreams streams, SubscriberDelivery delivery, EventPermissions permissions, Settlement settlement,
            EventMetrics metrics, RunState state, int threads) {
        this.streams = streams;
        this.delivery = delivery;
        this.permissions = permissions;
        this.settlement = settlement;
        this.metrics = metrics;
        this.state = state;
        AtomicInteger started = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Threads.daemon(r, "event-delivery-" + started.incrementAndGet()));
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts delivery of entries this consumer now owns; those the subscriber does not get are
     * acknowledged. The source checked is the stream's field, which the platform wrote from the
     * publishing addon's identity, never from what the addon said.
     */
    void dispatch(Subscription subscription, List<StreamMessage<String, String>> entries, Origin origin) throws InterruptedException {
        List<String> notForIt = new ArrayList<>();
        int sourcesRefused = 0;
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> body = entry.getBody();
            String event = body == null ? null : body.get(StreamFields.EVENT);
            String type = body == null ? null : body.get(StreamFields.TYPE);
            Receipt receipt = event == null || type == null ? Receipt.NOT_SUBSCRIBED
                    : permissions.receipt(subscription.manifest(), type, body.get(StreamFields.SOURCE), body.get(StreamFields.SITE));
            if (receipt == Receipt.DELIVER) {
                start(subscription, Pending.fresh(entry.getId(), event, origin));
            } else {
                notForIt.add(entry.getId());
                sourcesRefused += receipt == Receipt.SOURCE_REFUSED ? 1 : 0;
            }
        }
        if (!notForIt.isEmpty()) {
            streams.ack(subscription.addon(), notForIt.toArray(String[]::new));
        }
        if (sourcesRefused > 0) {
            // counted once acknowledged: an ack that fails leaves the entries to be read and counted again
            metrics.sourceRefused(subscription.addon(), sourcesRefused);
            log.debug("Settled {} event(s) for {} from sources it does not accept", sourcesRefused, subscription.addon());
        }
    }

    /** Runs one delivery once the subscriber has room; an entry already being delivered here is skipped. */
    void start(Subscription subscription, Pending pending) throws InterruptedException {
        if (!subscription.claim(pending.id())) {
            return;
        }
        try {
            pool.execute(() -> deliverAndSettle(subscription, pending));
        } catch (RuntimeException e) {
            subscription.release(pending.id());
            throw e;
        }
    }

    private void deliverAndSettle(Subscription subscription, Pending pending) {
        try {
            Attempt attempt;
            try {
                attempt = delivery.deliver(subscription.manifest(), pending.event().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                attempt = Attempt.failed("delivery failed: " + e);
            }
            if (state.halted()) {
                return; // as if this replica died here: the entry stays pending or leased
            }
            settlement.settle(subscription.addon(), pending, attempt);
        } catch (RuntimeException e) {
            log.warn("Cannot record the outcome of delivering {} to {} ({}); it will be delivered again",
                    pending.id(), subscription.addon(), e.toString());
        } finally {
            subscription.release(pending.id());
        }
    }

    /** Lets running deliveries finish for up to {@code grace}; answers whether they all did. */
    boolean shutdown(Duration grace) throws InterruptedException {
        pool.shutdown();
        if (pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        pool.shutdownNow();
        return false;
    }

    void shutdownNow() {
        pool.shutdownNow();
    }
}
