package com.themepress.runtime.pool;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.runtime.time.Ticker;

/** Runs a pool's slow work (container create, health polls, removal) off its lock, on the background executor. */
final class ContainerWork {

    private static final Logger log = LoggerFactory.getLogger(ContainerWork.class);

    private final DeploymentKey key;
    private final InstanceDriver driver;
    private final Executor background;
    private final Ticker ticker;

    ContainerWork(DeploymentKey key, InstanceDriver driver, Executor background, Ticker ticker) {
        this.key = key;
        this.driver = driver;
        this.background = background;
        this.ticker = ticker;
    }

    /** Refused only while the runtime shuts down, when it no longer matters. */
    void submit(Runnable work) {
        try {
            background.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Not run during shutdown: {}", work);
        }
    }

    /** Runs the work in the background once {@code nanos} of the pool's time have passed. */
    void later(long nanos, Runnable work) {
        ticker.schedule(work, nanos, this::submit);
    }

    /** Removes the container in the background; during shutdown, on the caller's thread, so it still goes. */
    void destroyLater(String containerId) {
        Runnable destroy = () -> {
            try {
                driver.destroy(containerId);
            } catch (RuntimeException e) {
                log.warn("Could not remove container {} of {}: {}", containerId, key, e.getMessage());
            }
        };
        try {
            background.execute(destroy);
        } catch (RejectedExecutionException shuttingDown) {
            destroy.run();
        }
    }
}
