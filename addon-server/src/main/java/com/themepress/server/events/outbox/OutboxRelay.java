package com.themepress.server.events.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.execute.AnsweredCalls;

import io.lettuce.core.RedisException;

/**
 * Publishes the outbox's entries and lets go of them. A call's events are published at once by the
 * thread that answered it, unless its source has older entries waiting ("backlogged"): then they
 * queue behind those, and this relay's thread publishes the source's entries in {@code seq} order
 * every {@code relay-interval}, stopping at the first Redis refuses. So a caller who saw call A
 * answered before making call B also sees A's events in the stream before B's.
 *
 * <p>Each event is appended at most once ({@link EventStreams#appendOnce}): a crash between the append
 * and the delete, or two replicas relaying one entry, cannot publish it twice.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long WARNING_INTERVAL_MILLIS = Duration.ofSeconds(10).toMillis();

    private final OutboxStore store;
    private final EventStreams streams;
    private final AnsweredCalls answers;
    private final EventMetrics metrics;
    private final OutboxProperties properties;
    private final Clock clock;
    /** Sources with entries waiting here, each with the highest {@code seq} queued behind them. */
    private final ConcurrentHashMap<String, Long> backlog = new ConcurrentHashMap<>();
    private final AtomicLong depth;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean recovered;
    private volatile Instant nextOrphanPass = Instant.MIN;
    private volatile long lastWarning;
    private Thread thread;

    OutboxRelay(OutboxStore store, EventStreams streams, AnsweredCalls answers, EventMetrics metrics, OutboxProperties properties,
            Clock clock, AtomicLong depth) {
        this.store = store;
        this.streams = streams;
        this.answers = answers;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.depth = depth;
        this.lastWarning = clock.millis() - WARNING_INTERVAL_MILLIS - 1;
    }

    /** After {@code entry} is on disk: publishes it now, or leaves it to this relay behind its source's backlog. */
    void committed(OutboxEntry entry) {
        depth.incrementAndGet();
        if (backlog.computeIfPresent(entry.source(), (source, queued) -> Math.max(queued, entry.seq())) != null) {
            wakeUp.release();
            return;
        }
        if (!relay(entry)) {
            backlog.merge(entry.source(), entry.seq(), Math::max);
            metrics.outboxDeferred();
            wakeUp.release();
        }
    }

    /** Publishes, hands a keyed call's answer to its record, deletes. False when an entry stays (it is tried again). */
    private boolean relay(OutboxEntry entry) {
        try {
            long appended = streams.appendOnce(entry.events(), properties.keepMarks());
            metrics.published("execute", (int) appended);
        } catch (RedisException e) {
            warn("Redis does not take the events of an execute answer ({}); they wait in the outbox", e);
            return false;
        }
        try {
            if (entry.answer() != null) {
                answers.keep(entry.id(), entry.answer());
            }
            store.delete(entry.id());
            depth.decrementAndGet();
        } catch (DataAccessException e) {
            warn("The outbox could not let go of published events ({}); their repeat is skipped", e);
            return false;
        }
        try {
            streams.shortenMarks(entry.events(), properties.orphanAfter());
        } catch (RedisException e) {
            log.debug("Marks of {} stay until they expire", entry.id(), e);
        }
        return true;
    }

    /**
     * One pass over the oldest entries. Backlogged sources are relayed in order; other entries only
     * once older than {@code orphan-after} (a replica that died left them), since the replica that
     * wrote a younger one is publishing it itself.
     */
    void pass() {
        if (!recovered) {
            recover();
        }
        Instant now = clock.instant();
        boolean orphans = !now.isBefore(nextOrphanPass);
        if (backlog.isEmpty() && !orphans) {
            return;
        }
        Map<String, Long> queuedBefore = new HashMap<>(backlog);
        List<OutboxEntry> entries = store.oldestFirst(properties.batch());
        Set<String> stuck = new HashSet<>();
        Instant orphaned = now.minus(properties.orphanAfter());
        for (OutboxEntry entry : entries) {
            String source = entry.source();
            if (stuck.contains(source) || !backlog.containsKey(source) && entry.createdAt().isAfter(orphaned)) {
                continue;
            }
            if (!relay(entry)) {
                stuck.add(source);
                backlog.merge(source, entry.seq(), Math::max);
            }
        }
        if (entries.size() < properties.batch()) {
            // everything queued before the read was in it: a source not stuck is done, unless more was queued meanwhile
            queuedBefore.forEach((source, queued) -> {
                if (!stuck.contains(source)) {
                    backlog.remove(source, queued);
                }
            });
        } else {
            wakeUp.release(); // more to read
        }
        if (orphans) {
            nextOrphanPass = now.plus(properties.orphanAfter());
            depth.set(store.count());
        }
    }

    /** At start: every source with entries left from before (a crash, an outage) queues behind them. */
    private void recover() {
        long after = Long.MIN_VALUE;
        long count = 0;
        for (List<OutboxStore.Head> heads = store.heads(after, properties.batch()); !heads.isEmpty();
                heads = store.heads(after, properties.batch())) {
            for (OutboxStore.Head head : heads) {
                backlog.merge(head.source(), head.seq(), Math::max);
                after = head.seq();
                count++;
            }
        }
        depth.set(count);
        recovered = true;
        if (count > 0) {
            log.info("{} execute calls' events wait in the outbox from before; publishing them first", count);
        }
    }

    private void run() {
        while (running) {
            try {
                wakeUp.tryAcquire(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                if (running) {
                    pass();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                warn("The outbox relay's pass failed ({}); trying again", e);
            }
        }
    }

    private void warn(String message, Exception e) {
        long now = clock.millis();
        if (now - lastWarning > WARNING_INTERVAL_MILLIS) {
            lastWarning = now;
            log.warn(message + " (repeats logged at debug for 10 s)", e.getMessage());
        } else {
            log.debug(message, e.getMessage());
        }
    }

    @Override
    public void start() {
        try {
            recover();
        } catch (DataAccessException e) {
            log.warn("Cannot read the event outbox yet ({}); the relay tries again", e.getMessage());
        }
        running = true;
        thread = new Thread(this::run, "event-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
