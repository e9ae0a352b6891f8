package com.themepress.runtime.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * The instances of one deployment. Calls take a {@link Lease} on an instance with free capacity,
 * round-robin; when every instance is full the pool grows up to {@code maxInstances}, then calls
 * queue for {@link PoolProperties#queueTimeout()} and are refused with 503. Health checks,
 * container deaths and timeouts replace instances; the reaper shrinks an idle pool to
 * {@code minInstances}; a new spec is rolled out blue/green.
 *
 * <p>All state sits behind one lock; container work (create, health polls, remove) runs on the
 * background executor, never under the lock.
 */
public final class InstancePool {

    private static final Logger log = LoggerFactory.getLogger(InstancePool.class);
    /** While a container starts, every this many failed polls ask the engine whether it already died. */
    private static final int EXIT_CHECK_EVERY = 20;

    /** Result of {@link #update(DeploymentSpec)}. */
    public enum Update { UNCHANGED, REPLACED }

    private final DeploymentKey key;
    private final InstanceDriver driver;
    private final PoolProperties props;
    private final Clock clock;
    private final PoolListener listener;
    private final Executor background;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Instance> instances = new ArrayList<>();
    private DeploymentSpec spec;
    private int cursor;
    private int waiting;
    /** While positive, old-spec instances keep serving until this many current-spec ones are ready. */
    private int switchTarget;
    private long startFailures;
    private String lastStartFailure = "";
    private int quickDeaths;
    private long restartNotBefore = System.nanoTime();
    private boolean closed;

    public InstancePool(DeploymentKey key, DeploymentSpec spec, InstanceDriver driver, PoolProperties props, Clock clock,
            PoolListener listener, Executor background) {
        this.key = key;
        this.spec = spec;
        this.driver = driver;
        this.props = props;
        this.clock = clock;
        this.listener = listener;
        this.background = background;
    }

    public DeploymentKey key() {
        return key;
    }

    public DeploymentSpec spec() {
        lock.lock();
        try {
            return spec;
        } finally {
            lock.unlock();
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
        long entered = System.nanoTime();
        lock.lock();
        waiting++;
        try {
            long failuresAtEntry = startFailures;
            while (true) {
                if (closed) {
                    throw new PlatformException(ProblemType.NOT_FOUND,
                            "Deployment " + key + " was removed while the call waited; PUT it again and retry.");
                }
                Instance picked = pick(excluded);
                if (picked != null) {
                    picked.taken(clock.instant());
                    return new Lease(this, picked, picked.launched().baseUri());
                }
                boolean anyReady = count(i -> serving(i) && !excluded.contains(i.id())) > 0;
                int live = count(this::liveCurrent);
                int starting = count(i -> current(i) && i.state() == InstanceState.STARTING);
                if (!anyReady && starting == 0 && startFailures > failuresAtEntry) {
                    throw new PlatformException(ProblemType.UPSTREAM_FAILED,
                            "No instance of " + key + " could be started: " + lastStartFailure);
                }
                if (live < spec.resources().maxInstances()
                        && (long) starting * spec.resources().concurrency() < waiting) {
                    if (live == 0) {
                        listener.coldStart(key);
                    }
                    startInstance();
                }
                Duration budget = anyReady ? props.queueTimeout() : props.startTimeout().plus(props.queueTimeout());
                long remaining = budget.toNanos() - (System.nanoTime() - entered);
                if (remaining <= 0) {
                    PlatformException busy = new PlatformException(ProblemType.UNAVAILABLE, "All instances of " + key
                            + " are busy (" + live + " of at most " + spec.resources().maxInstances() + ", "
                            + spec.resources().concurrency() + " calls each) and the wait of "
                            + budget.toMillis() + " ms ran out; retry later.");
                    busy.getHeaders().set("Retry-After", Long.toString(Math.max(1, props.retryAfter().toSeconds())));
                    throw busy;
                }
                changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while waiting for an instance of " + key);
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /** Round-robin over ready current-spec instances with capacity; old-spec ones only during a switch. */
    private @Nullable Instance pick(Set<String> excluded) {
        Instance found = pick(i -> current(i) && i.state() == InstanceState.READY && i.hasCapacity()
                && !excluded.contains(i.id()));
        if (found == null && switchTarget > 0) {
            found = pick(i -> !current(i) && i.state() == InstanceState.READY && i.hasCapacity()
                    && !excluded.contains(i.id()));
        }
        return found;
    }

    private @Nullable Instance pick(Predicate<Instance> eligible) {
        int n = instances.size();
        for (int k = 0; k < n; k++) {
            int index = Math.floorMod(cursor + k, n);
            Instance candidate = instances.get(index);
            if (eligible.test(candidate)) {
                cursor = index + 1;
                return candidate;
            }
        }
        return null;
    }

    void giveBack(Instance instance) {
        lock.lock();
        try {
            instance.returned(clock.instant());
            if (instance.state() == InstanceState.DRAINING && instance.inFlight() == 0) {
                remove(instance);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the instance out and, if it was of the current spec, starts its successor. */
    void replace(Instance instance, String reason) {
        lock.lock();
        try {
            if (instance.state() == InstanceState.REMOVED) {
                return;
            }
            boolean wasStarting = instance.state() == InstanceState.STARTING;
            remove(instance);
            listener.replaced(key, reason);
            log.info("Replacing instance {} of {} ({})", instance.id(), key, reason);
            if (wasStarting) {
                recordStartFailure("the container stopped while starting (" + reason + ")");
            }
            if (closed || !current(instance)) {
                return;
            }
            boolean crash = !"timeout".equals(reason);
            boolean quick = System.nanoTime() - instance.createdNanos() < props.crashLoopWindow().toNanos();
            quickDeaths = crash && quick ? quickDeaths + 1 : 0;
            long backoff = backoffNanos();
            restartNotBefore = System.nanoTime() + backoff;
            if (backoff > 0) {
                submit(() -> CompletableFuture.delayedExecutor(backoff, TimeUnit.NANOSECONDS, background)
                        .execute(this::ensureMin));
            } else if (!wasStarting && count(this::liveCurrent) < spec.resources().maxInstances()) {
                startInstance();
            }
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    /** First quick crash: replaced at once; later ones wait 0.5 s, 1 s, 2 s... up to the ceiling. */
    private long backoffNanos() {
        if (quickDeaths <= 1) {
            return 0;
        }
        long base = TimeUnit.MILLISECONDS.toNanos(500);
        int shift = Math.min(20, quickDeaths - 2);
        return Math.min(props.maxRestartBackoff().toNanos(), base << shift);
    }

    /** A call could not connect: check the instance now instead of at the next health round. */
    void suspect(Instance instance) {
        Launched launched;
        lock.lock();
        try {
            launched = instance.launched();
            if (launched == null || instance.state() == InstanceState.REMOVED) {
                return;
            }
        } finally {
            lock.unlock();
        }
        submit(() -> {
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isEmpty() && !driver.health(launched, props.healthTimeout()).join()) {
                death = awaitExit(launched);
                replace(instance, death.map(ContainerDeath::reason).orElse("unreachable"));
            } else {
                death.ifPresent(d -> replace(instance, d.reason()));
            }
        });
    }

    /** A process that just died may still show as running for a moment; give the engine a second to say why. */
    private Optional<ContainerDeath> awaitExit(Launched launched) {
        for (int i = 0; i < 10; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isPresent()) {
                return death;
            }
        }
        return Optional.empty();
    }

    /** Replaces the spec; instances of the old one serve until enough new ones are ready. */
    public Update update(DeploymentSpec next) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("pool " + key + " is closed");
            }
            if (next.hash().equals(spec.hash())) {
                ensureMinLocked();
                return Update.UNCHANGED;
            }
            spec = next;
            int oldReady = 0;
            for (Instance instance : List.copyOf(instances)) {
                if (instance.state() == InstanceState.STARTING) {
                    remove(instance);
                } else if (instance.state() == InstanceState.READY) {
                    oldReady++;
                }
            }
            int target = Math.min(next.resources().maxInstances(), Math.max(next.resources().minInstances(), oldReady));
            switchTarget = oldReady > 0 ? target : 0;
            for (int i = 0; i < target; i++) {
                startInstance();
            }
            if (switchTarget == 0) {
                drainOld();
            }
            changed.signalAll();
            return Update.REPLACED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code minInstances} current-spec instances are ready (and a spec switch is done).
     *
     * @return empty when warm, else why not
     */
    public Optional<String> awaitWarm(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long failuresAtEntry = startFailures;
            while (!closed) {
                int ready = count(i -> current(i) && i.state() == InstanceState.READY);
                if (ready >= spec.resources().minInstances() && switchTarget == 0) {
                    return Optional.empty();
                }
                int starting = count(i -> current(i) && i.state() == InstanceState.STARTING);
                if (startFailures > failuresAtEntry && starting == 0) {
                    return Optional.of(lastStartFailure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.of("instances were not ready within " + timeout.toMillis() + " ms");
                }
                changed.awaitNanos(remaining);
            }
            return Optional.of("the deployment was removed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            lock.unlock();
        }
    }

    /** Starts instances until {@code minInstances} live, unless crashes are being backed off. */
    public void ensureMin() {
        lock.lock();
        try {
            ensureMinLocked();
        } finally {
            lock.unlock();
        }
    }

    private void ensureMinLocked() {
        if (closed || System.nanoTime() - restartNotBefore < 0) {
            return;
        }
        int missing = spec.resources().minInstances() - count(this::liveCurrent);
        for (int i = 0; i < missing; i++) {
            startInstance();
        }
    }

    /** One health round: every running instance gets a /health; results arrive asynchronously. */
    public void checkHealth() {
        List<Instance> running = new ArrayList<>();
        lock.lock();
        try {
            for (Instance instance : instances) {
                if (instance.launched() != null && (instance.state() == InstanceState.READY
                        || instance.state() == InstanceState.DRAINING)) {
                    running.add(instance);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Instance instance : running) {
            Launched launched = instance.launched();
            driver.health(launched, props.healthTimeout()).thenAccept(ok -> healthResult(instance, launched, ok));
        }
        ensureMin();
    }

    private void healthResult(Instance instance, Launched launched, boolean ok) {
        int failures;
        lock.lock();
        try {
            if (instance.state() == InstanceState.REMOVED || instance.state() == InstanceState.STARTING) {
                return;
            }
            if (ok) {
                instance.healthPassed();
                return;
            }
            failures = instance.healthFailed();
        } finally {
            lock.unlock();
        }
        submit(() -> {
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isPresent()) {
                replace(instance, death.get().reason());
            } else if (failures >= props.unhealthyThreshold()) {
                replace(instance, "unhealthy");
            }
        });
    }

    /** Removes instances idle since before {@code now - idleTimeout}, oldest first, down to minInstances. */
    public int reap(Instant now) {
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            Instant idleSince = now.minus(props.idleTimeout());
            int surplus = count(this::liveCurrent) - spec.resources().minInstances();
            List<Instance> idle = instances.stream()
                    .filter(i -> current(i) && i.state() == InstanceState.READY && i.inFlight() == 0
                            && !i.lastUsed().isAfter(idleSince))
                    .sorted(Comparator.comparing(Instance::lastUsed))
                    .toList();
            int reaped = 0;
            for (Instance instance : idle) {
                if (reaped >= surplus) {
                    break;
                }
                remove(instance);
                listener.reaped(key);
                reaped++;
            }
            if (reaped > 0) {
                log.info("Reaped {} idle instance(s) of {}", reaped, key);
            }
            return reaped;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the container was one of this pool's */
    public boolean containerDied(ContainerDeath death) {
        Instance dead = null;
        lock.lock();
        try {
            for (Instance instance : instances) {
                Launched launched = instance.launched();
                if (launched != null && launched.containerId().equals(death.containerId())) {
                    dead = instance;
                }
            }
            if (dead != null) {
                replace(dead, death.reason());
            }
        } finally {
            lock.unlock();
        }
        return dead != null;
    }

    /** Takes every instance out and removes its container. Waiting calls get a 404. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Instance instance : List.copyOf(instances)) {
                remove(instance);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public List<InstanceView> snapshot() {
        lock.lock();
        try {
            return instances.stream().map(Instance::view).toList();
        } finally {
            lock.unlock();
        }
    }

    public int count(InstanceState state) {
        lock.lock();
        try {
            return count(i -> i.state() == state);
        } finally {
            lock.unlock();
        }
    }

    private void startInstance() {
        Instance instance = new Instance(UUID.randomUUID().toString().replace("-", "").substring(0, 12), spec,
                clock.instant(), System.nanoTime());
        instances.add(instance);
        submit(() -> launch(instance));
    }

    private void launch(Instance instance) {
        long started = System.nanoTime();
        try {
            Launched launched = driver.launch(key, instance.spec(), instance.id());
            lock.lock();
            try {
                if (instance.state() == InstanceState.REMOVED) {
                    destroyLater(launched.containerId());
                    return;
                }
                instance.launched(launched);
            } finally {
                lock.unlock();
            }
            long deadline = started + props.startTimeout().toNanos();
            for (int polls = 1; !driver.health(launched, props.healthTimeout()).join(); polls++) {
                if (removed(instance)) {
                    return;
                }
                if (polls % EXIT_CHECK_EVERY == 0) {
                    Optional<ContainerDeath> death = driver.exited(launched);
                    if (death.isPresent()) {
                        throw new IllegalStateException("the container " + death.get().reason() + " while starting (exit code "
                                + death.get().exitCode() + ")");
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("no healthy /health answer within " + props.startTimeout().toMillis()
                            + " ms");
                }
                LockSupport.parkNanos(props.startPollInterval().toNanos());
            }
            lock.lock();
            try {
                if (instance.state() != InstanceState.STARTING) {
                    return;
                }
                instance.ready(clock.instant());
                if (switchTarget > 0 && count(i -> current(i) && i.state() == InstanceState.READY) >= switchTarget) {
                    switchTarget = 0;
                    drainOld();
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            listener.instanceStarted(key, System.nanoTime() - started);
            log.debug("Instance {} of {} ready in {} ms", instance.id(), key,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            log.warn("Instance {} of {} failed to start: {}", instance.id(), key, e.getMessage());
            lock.lock();
            try {
                if (instance.state() != InstanceState.REMOVED) {
                    remove(instance);
                    recordStartFailure(e.getMessage());
                }
                listener.startFailed(key);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void recordStartFailure(@Nullable String why) {
        startFailures++;
        lastStartFailure = why == null ? "unknown error" : why;
    }

    private boolean removed(Instance instance) {
        lock.lock();
        try {
            return instance.state() == InstanceState.REMOVED;
        } finally {
            lock.unlock();
        }
    }

    private void drainOld() {
        for (Instance instance : List.copyOf(instances)) {
            if (!current(instance) && instance.state() == InstanceState.READY) {
                instance.state(InstanceState.DRAINING);
                if (instance.inFlight() == 0) {
                    remove(instance);
                }
            }
        }
    }

    /** Out of the list; the container goes too once it is known (a launch still running removes its own). */
    private void remove(Instance instance) {
        instance.state(InstanceState.REMOVED);
        instances.remove(instance);
        Launched launched = instance.launched();
        if (launched != null) {
            destroyLater(launched.containerId());
        }
    }

    /** Background work; refused only while the runtime shuts down, when it no longer matters. */
    private void submit(Runnable work) {
        try {
            background.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Not run during shutdown: {}", work);
        }
    }

    private void destroyLater(String containerId) {
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

    private boolean current(Instance instance) {
        return instance.spec().hash().equals(spec.hash());
    }

    private boolean liveCurrent(Instance instance) {
        return current(instance)
                && (instance.state() == InstanceState.STARTING || instance.state() == InstanceState.READY);
    }

    /** Ready and allowed to take calls now (old-spec instances only while a switch is under way). */
    private boolean serving(Instance instance) {
        return instance.state() == InstanceState.READY && (current(instance) || switchTarget > 0);
    }

    private int count(Predicate<Instance> predicate) {
        int n = 0;
        for (Instance instance : instances) {
            if (predicate.test(instance)) {
                n++;
            }
        }
        return n;
    }
}
