package com.themepress.runtime.pool;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.themepress.runtime.time.Ticker;

/**
 * All pools of this runtime, and the rounds that keep them right: health checks (which also top
 * pools up to minInstances) and reaping. Stops after the web server has drained, removing every
 * container it made.
 */
@Component
public class PoolRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PoolRegistry.class);

    /** Result of a PUT. */
    public record Put(InstancePool pool, boolean created, boolean replaced) {
    }

    private final ConcurrentMap<DeploymentKey, InstancePool> pools = new ConcurrentHashMap<>();
    private final InstanceDriver driver;
    private final PoolProperties props;
    private final Ticker ticker;
    private final PoolListener listener;
    private final ExecutorService background = Executors.newCachedThreadPool(daemon("instance-work"));
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(daemon("pool-rounds"));
    private volatile boolean running;

    public PoolRegistry(InstanceDriver driver, PoolProperties props, Ticker ticker, PoolListener listener) {
        this.driver = driver;
        this.props = props;
        this.ticker = ticker;
        this.listener = listener;
        driver.onDeath(this::containerDied);
    }

    /** Creates the pool or brings it to the spec; idempotent for an unchanged spec. */
    public Put put(DeploymentKey key, DeploymentSpec spec) {
        while (true) {
            boolean[] created = {false};
            InstancePool pool = pools.computeIfAbsent(key, k -> {
                created[0] = true;
                return new InstancePool(k, spec, driver, props, ticker, listener, background);
            });
            if (created[0]) {
                listener.poolCreated(pool);
                pool.ensureMin();
                return new Put(pool, true, false);
            }
            try {
                return new Put(pool, false, pool.update(spec) == InstancePool.Update.REPLACED);
            } catch (IllegalStateException closedByConcurrentDelete) {
                pools.remove(key, pool);
            }
        }
    }

    public Optional<InstancePool> find(DeploymentKey key) {
        return Optional.ofNullable(pools.get(key));
    }

    public boolean remove(DeploymentKey key) {
        InstancePool pool = pools.remove(key);
        if (pool == null) {
            return false;
        }
        pool.close();
        listener.poolRemoved(pool);
        return true;
    }

    public Collection<InstancePool> all() {
        return List.copyOf(pools.values());
    }

    public boolean imageExists(String image) {
        return driver.imageExists(image);
    }

    private void containerDied(ContainerDeath death) {
        for (InstancePool pool : pools.values()) {
            if (pool.containerDied(death)) {
                return;
            }
        }
    }

    void healthRound() {
        for (InstancePool pool : pools.values()) {
            try {
                pool.checkHealth();
            } catch (RuntimeException e) {
                log.warn("Health round of {} failed", pool.key(), e);
            }
        }
    }

    void reapRound() {
        for (InstancePool pool : pools.values()) {
            pool.reap();
        }
    }

    @Override
    public void start() {
        long health = props.healthInterval().toMillis();
        long reap = props.reapInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::healthRound, health, health, TimeUnit.MILLISECONDS);
        rounds.scheduleWithFixedDelay(this::reapRound, reap, reap, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Removes every pool and waits (bounded) for their containers to go. */
    @Override
    public void stop() {
        running = false;
        rounds.shutdownNow();
        for (DeploymentKey key : List.copyOf(pools.keySet())) {
            remove(key);
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(props.startTimeout().toSeconds() + 10, TimeUnit.SECONDS)) {
                log.warn("Some containers were still being removed at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server (whose phases are DEFAULT_PHASE - 2048 and - 1024). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
