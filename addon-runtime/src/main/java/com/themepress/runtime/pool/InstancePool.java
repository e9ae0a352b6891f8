package com.themepress.runtime.pool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import com.themepress.model.problem.PlatformException;
import com.themepress.runtime.time.Ticker;

/**
 * The instances of one deployment. Calls take a {@link Lease} on an instance with free capacity,
 * round-robin; when every instance is full the pool grows up to {@code maxInstances}, then calls
 * queue for {@link PoolProperties#queueTimeout()} and are refused with 503. Health checks,
 * container deaths and timeouts replace instances; the reaper shrinks an idle pool to
 * {@code minInstances}; a new spec is rolled out blue/green.
 *
 * <p>This class is the pool's face; each job is a part: {@link Admission} (queueing and
 * round-robin), {@link Launcher} (starting), {@link Rollout} (spec switches), {@link Replacer}
 * with {@link CrashBackoff} (replacement), {@link HealthChecks}, {@link Reaper}.
 *
 * <p>Lock discipline: one lock per pool ({@link PoolState#lock}) guards all of its state, the
 * parts' fields and its {@link Instance}s alike, so every decision sees one consistent pool. A
 * part takes it for a short section and never calls the driver (container create, health polls,
 * removal) while holding it: that work runs on the background executor ({@link ContainerWork})
 * and takes the lock again to apply its result, after checking the instance was not removed
 * meanwhile. The lock is reentrant, so a locked section may call another part's locked method
 * (a container death replaces its instance, which may start another). Waiting calls sleep on
 * {@link PoolState#changed}, signalled on every change they could be waiting for. All time is
 * read and waited for through the injected {@link Ticker}.
 */
public final class InstancePool {

    /** A caller that sent no budget: only the runtime's own bounds apply. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Result of {@link #update(DeploymentSpec)}. */
    public enum Update { UNCHANGED, REPLACED }

    private final PoolState state;
    private final Admission admission;
    private final Launcher launcher;
    private final Rollout rollout;
    private final Replacer replacer;
    private final HealthChecks health;
    private final Reaper reaper;

    public InstancePool(DeploymentKey key, DeploymentSpec spec, InstanceDriver driver, PoolProperties props, Ticker ticker,
            PoolListener listener, Executor background) {
        ContainerWork work = new ContainerWork(key, driver, background, ticker);
        CrashBackoff backoff = new CrashBackoff(props, ticker);
        this.state = new PoolState(key, spec, work);
        this.rollout = new Rollout(state, ticker);
        this.launcher = new Launcher(state, work, driver, props, ticker, listener, backoff, rollout);
        this.admission = new Admission(state, rollout, launcher, props, ticker, listener);
        this.replacer = new Replacer(state, work, backoff, launcher, listener);
        this.health = new HealthChecks(state, work, driver, props, ticker, replacer);
        this.reaper = new Reaper(state, props, ticker, listener);
    }

    public DeploymentKey key() {
        return state.key;
    }

    public DeploymentSpec spec() {
        state.lock.lock();
        try {
            return state.spec();
        } finally {
            state.lock.unlock();
        }
    }

    public Lease acquire() {
        return acquire(Set.of());
    }

    /**
     * Takes capacity on a ready instance, starting one when the pool may grow and waiting while it
     * may not. {@code excluded} instance ids are never chosen (a retry after one failed).
     *
     * @throws PlatformException 503 when the queue wait runs out, 502 when no instance could start,
     *         404 when the pool is removed meanwhile
     */
    public Lease acquire(Set<String> excluded) {
        return acquire(excluded, NO_DEADLINE);
    }

    /**
     * As {@link #acquire(Set)}, never waiting past {@code deadline} (a {@link Ticker#nanoTime()}
     * reading): 504 when it passes first. Beyond the bulkhead and its queue: 503 at once.
     */
    public Lease acquire(Set<String> excluded, long deadline) {
        return admission.acquire(this, excluded, deadline);
    }

    void giveBack(Instance instance) {
        admission.giveBack(instance);
    }

    /** Takes the instance out and, if it was of the current spec, starts its successor. */
    void replace(Instance instance, String reason) {
        replacer.replace(instance, reason);
    }

    /** A call could not connect: check the instance now instead of at the next health round. */
    void suspect(Instance instance) {
        health.suspect(instance);
    }

    /** Replaces the spec; instances of the old one serve until enough new ones are ready. */
    public Update update(DeploymentSpec next) {
        state.lock.lock();
        try {
            if (state.closed()) {
                throw new IllegalStateException("pool " + state.key + " is closed");
            }
            if (next.hash().equals(state.spec().hash())) {
                launcher.ensureMinLocked();
                return Update.UNCHANGED;
            }
            int toStart = rollout.switchTo(next);
            for (int i = 0; i < toStart; i++) {
                launcher.start();
            }
            state.changed.signalAll();
            return Update.REPLACED;
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Waits until {@code minInstances} current-spec instances are ready (and a spec switch is done).
     *
     * @return empty when warm, else why not
     */
    public Optional<String> awaitWarm(Duration timeout) {
        return rollout.awaitWarm(timeout);
    }

    /** Starts instances until {@code minInstances} live, unless crashes are being backed off. */
    public void ensureMin() {
        launcher.ensureMin();
    }

    /** One health round: every running instance gets a /health (results arrive asynchronously); then tops up to min. */
    public void checkHealth() {
        health.round();
        launcher.ensureMin();
    }

    /** Removes instances idle for the idle timeout, oldest first, down to minInstances. */
    public int reap() {
        return reaper.reap();
    }

    /** @return whether the container was one of this pool's */
    public boolean containerDied(ContainerDeath death) {
        return replacer.containerDied(death);
    }

    /** Takes every instance out and removes its container. Waiting calls get a 404. */
    public void close() {
        state.lock.lock();
        try {
            state.close();
            for (Instance instance : List.copyOf(state.instances())) {
                state.remove(instance);
            }
            state.changed.signalAll();
        } finally {
            state.lock.unlock();
        }
    }

    public List<InstanceView> snapshot() {
        state.lock.lock();
        try {
            return state.instances().stream().map(Instance::view).toList();
        } finally {
            state.lock.unlock();
        }
    }

    public int count(InstanceState instanceState) {
        state.lock.lock();
        try {
            return state.count(i -> i.state() == instanceState);
        } finally {
            state.lock.unlock();
        }
    }

    /** Calls queued for capacity now. */
    public int waiting() {
        return admission.waiting();
    }

    /** Calls running on this deployment's instances now. */
    public int running() {
        return admission.leased();
    }
}
