package com.themepress.model.redis;

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
    private static final long RETRY_MILLIS = 2000;

    private final RedisMessageListenerContainer container;
    private volatile boolean running;
    private volatile Thread thread;

    public ListenerStarter(RedisMessageListenerContainer container) {
        this.container = container;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::startContainer, "redis-listener-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void startContainer() {
        boolean warned = false;
        while (running && !container.isListening()) {
            try {
                if (!container.isRunning()) {
                    container.start();
                }
            } catch (RuntimeException e) {
                if (!warned) {
                    log.warn("Cannot listen on Redis pub/sub yet ({}); retrying every {} ms", rootMessage(e), RETRY_MILLIS);
                    warned = true;
                }
                stopQuietly(); // a failed start leaves the container marked as started
            }
            if (container.isListening()) {
                break;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
        if (warned && running) {
            log.info("Listening on Redis pub/sub now");
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
        Thread starting = thread;
        if (starting != null) {
            starting.interrupt();
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
