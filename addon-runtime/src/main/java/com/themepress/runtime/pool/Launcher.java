package com.themepress.runtime.pool;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.runtime.time.Ticker;

/**
 * Starts instances: adds one as STARTING under the lock, then, off the lock, creates its container
 * and polls its {@code /health} until it answers (READY) or {@link PoolProperties#startTimeout()}
 * runs out (removed, counted as a start failure). Also tops the pool up to minInstances.
 */
final class Launcher {

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);
    /** While a container starts, every this many failed polls ask the engine whether it already died. */
    private static final int EXIT_CHECK_EVERY = 20;

    private final PoolState state;
    private final ContainerWork work;
    private final InstanceDriver driver;
    private final PoolProperties props;
    private final Ticker ticker;
    private final PoolListener listener;
    private final CrashBackoff backoff;
    private final Rollout rollout;

    Launcher(PoolState state, ContainerWork work, InstanceDriver driver, PoolProperties props, Ticker ticker,
            PoolListener listener, CrashBackoff backoff, Rollout rollout) {
        this.state = state;
        this.work = work;
        this.driver = driver;
        this.props = props;
        this.ticker = ticker;
        this.listener = listener;
        this.backoff = backoff;
        this.rollout = rollout;
    }

    /** Adds one instance of the current spec and launches it in the background. Caller holds the lock. */
    void start() {
        Instance instance = new Instance(UUID.randomUUID().toString().replace("-", "").substring(0, 12), state.spec(),
                ticker.instant(), ticker.nanoTime());
        state.add(instance);
        work.submit(() -> launch(instance));
    }

    /** Starts instances until {@code minInstances} live, unless crashes are being backed off. */
    void ensureMin() {
        state.lock.lock();
        try {
            ensureMinLocked();
        } finally {
            state.lock.unlock();
        }
    }

    void ensureMinLocked() {
        if (state.closed() || backoff.holding()) {
            return;
        }
        int missing = state.spec().resources().minInstances() - state.count(state::liveCurrent);
        for (int i = 0; i < missing; i++) {
            start();
        }
    }

    private void launch(Instance instance) {
        long started = ticker.nanoTime();
        try {
            Launched launched = driver.launch(state.key, instance.spec(), instance.id());
            if (!attach(instance, launched)) {
                return;
            }
            if (!awaitHealthy(instance, launched, started)) {
                return;
            }
            if (!ready(instance)) {
                return;
            }
            listener.instanceStarted(state.key, ticker.nanoTime() - started);
            log.debug("Instance {} of {} ready in {} ms", instance.id(), state.key,
                    TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - started));
        } catch (RuntimeException e) {
            log.warn("Instance {} of {} failed to start: {}", instance.id(), state.key, e.getMessage());
            failed(instance, e.getMessage());
        }
    }

    /** @return false when the instance was removed while its container was made (the container goes too) */
    private boolean attach(Instance instance, Launched launched) {
        state.lock.lock();
        try {
            if (instance.state() == InstanceState.REMOVED) {
                work.destroyLater(launched.containerId());
                return false;
            }
            instance.launched(launched);
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    /** @return false when the instance was removed meanwhile; throws when it died or the start timed out */
    private boolean awaitHealthy(Instance instance, Launched launched, long started) {
        long deadline = started + props.startTimeout().toNanos();
        for (int polls = 1; !driver.health(launched, props.healthTimeout()).join(); polls++) {
            if (removed(instance)) {
                return false;
            }
            if (polls % EXIT_CHECK_EVERY == 0) {
                Optional<ContainerDeath> death = driver.exited(launched);
                if (death.isPresent()) {
                    throw new IllegalStateException("the container " + death.get().reason() + " while starting (exit code "
                            + death.get().exitCode() + ")");
                }
            }
            if (ticker.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no healthy /health answer within " + props.startTimeout().toMillis()
                        + " ms");
            }
            ticker.sleepNanos(props.startPollInterval().toNanos());
        }
        return true;
    }

    /** @return false when the instance left STARTING meanwhile (removed, or replaced by a newer spec) */
    private boolean ready(Instance instance) {
        state.lock.lock();
        try {
            if (instance.state() != InstanceState.STARTING) {
                return false;
            }
            instance.ready(ticker.instant());
            rollout.instanceReady();
            state.changed.signalAll();
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    private void failed(Instance instance, @Nullable String why) {
        state.lock.lock();
        try {
            if (instance.state() != InstanceState.REMOVED) {
                state.remove(instance);
                state.recordStartFailure(why);
            }
            listener.startFailed(state.key);
            state.changed.signalAll();
        } finally {
            state.lock.unlock();
        }
    }

    private boolean removed(Instance instance) {
        state.lock.lock();
        try {
            return instance.state() == InstanceState.REMOVED;
        } finally {
            state.lock.unlock();
        }
    }
}
