package com.themepress.model.redis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts a Redis pub/sub listener container without making Redis a start-up requirement: the
 * container's own start fails when Redis is down, so it is retried in the background until it
 * succeeds. From then on the container resubscribes by itself after Redis outages.
 */
public final class ListenerStarter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final RedisMessageListenerContainer container;
    private final Duration retry;
    private final ScheduledExecutorService injected;
    private volatile boolean running;
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> next;
    private boolean warned; // only the scheduler's one thread reads and writes it

    public ListenerStarter(RedisMessageListenerContainer container) {
        this(container, RETRY, null);
    }

    /** With the scheduler that runs the attempts (tests pass their own, with a short retry); null for a thread of its own. */
    ListenerStarter(RedisMessageListenerContainer container, Duration retry, ScheduledExecutorService scheduler) {
        this.container = container;
        this.retry = retry;
        this.injected = scheduler;
    }

    @Override
    public void start() {
        running = true;
        warned = false;
        scheduler = injected != null ? injected : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "redis-listener-start");
            thread.setDaemon(true);
            return thread;
        });
        next = scheduler.schedule(this::attempt, 0, TimeUnit.MILLISECONDS);
    }

    private void attempt() {
        if (!running || container.isListening()) {
            done();
            return;
        }
        try {
            if (!container.isRunning()) {
                container.start();
            }
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn("Cannot listen on Redis pub/sub yet ({}); retrying every {} ms", rootMessage(e), retry.toMillis());
                warned = true;
            }
            stopQuietly(); // a failed start leaves the container marked as started
        }
        if (container.isListening() || !running) {
            done();
            return;
        }
        try {
            next = scheduler.schedule(this::attempt, retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stop() shut the scheduler down meanwhile: nothing is left to retry
        }
    }

    private void done() {
        if (warned && running) {
            log.info("Listening on Redis pub/sub now");
        }
        if (injected == null) {
            scheduler.shutdown(); // its one thread ends once nothing is left to retry
        }
    }

    private void stopQuietly() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            log.debug("Stopping the listener container after a failed start failed too", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void stop() {
        running = false;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
        if (injected == null && scheduler != null) {
            scheduler.shutdownNow();
        }
        if (container.isRunning()) {
            container.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
