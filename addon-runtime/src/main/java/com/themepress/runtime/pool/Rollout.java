package com.themepress.runtime.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.themepress.runtime.time.Ticker;

/**
 * Blue/green replacement of a pool's spec. Instances of the old spec keep serving until as many
 * of the new one are ready as were ready before (at least minInstances, at most maxInstances);
 * then the old ones drain: they finish their calls, take no new ones, and go.
 *
 * <p>The switch target is guarded by the pool lock; every method expects the caller to hold it,
 * except {@link #awaitWarm(Duration)}, which takes it.
 */
final class Rollout {

    private final PoolState state;
    private final Ticker ticker;
    /** While positive, old-spec instances keep serving until this many current-spec ones are ready. */
    private int switchTarget;

    Rollout(PoolState state, Ticker ticker) {
        this.state = state;
        this.ticker = ticker;
    }

    /** Whether old-spec instances still take calls, because too few new ones are ready yet. */
    boolean switching() {
        return switchTarget > 0;
    }

    /**
     * Makes {@code next} the spec: instances of the old one still starting go at once, ready ones
     * stay until the switch is done.
     *
     * @return how many instances of the new spec to start
     */
    int switchTo(DeploymentSpec next) {
        state.spec(next);
        int oldReady = 0;
        for (Instance instance : List.copyOf(state.instances())) {
            if (instance.state() == InstanceState.STARTING) {
                state.remove(instance);
            } else if (instance.state() == InstanceState.READY) {
                oldReady++;
            }
        }
        int target = Math.min(next.resources().maxInstances(), Math.max(next.resources().minInstances(), oldReady));
        switchTarget = oldReady > 0 ? target : 0;
        if (switchTarget == 0) {
            drainOld();
        }
        return target;
    }

    /** A current-spec instance became ready: the switch may be done. */
    void instanceReady() {
        if (switchTarget > 0 && state.countCurrent(InstanceState.READY) >= switchTarget) {
            switchTarget = 0;
            drainOld();
        }
    }

    /**
     * Waits until {@code minInstances} current-spec instances are ready and a switch is done.
     *
     * @return empty when warm, else why not
     */
    Optional<String> awaitWarm(Duration timeout) {
        long deadline = ticker.nanoTime() + timeout.toNanos();
        state.lock.lock();
        try {
            long failuresAtEntry = state.startFailures();
            while (!state.closed()) {
                int ready = state.countCurrent(InstanceState.READY);
                if (ready >= state.spec().resources().minInstances() && switchTarget == 0) {
                    return Optional.empty();
                }
                int starting = state.countCurrent(InstanceState.STARTING);
                if (state.startFailures() > failuresAtEntry && starting == 0) {
                    return Optional.of(state.lastStartFailure());
                }
                long remaining = deadline - ticker.nanoTime();
                if (remaining <= 0) {
                    return Optional.of("instances were not ready within " + timeout.toMillis() + " ms");
                }
                ticker.awaitNanos(state.changed, remaining);
            }
            return Optional.of("the deployment was removed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            state.lock.unlock();
        }
    }

    private void drainOld() {
        for (Instance instance : List.copyOf(state.instances())) {
            if (!state.current(instance) && instance.state() == InstanceState.READY) {
                instance.state(InstanceState.DRAINING);
                if (instance.inFlight() == 0) {
                    state.remove(instance);
                }
            }
        }
    }
}
