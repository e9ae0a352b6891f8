package com.themepress.runtime.pool;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.runtime.time.Ticker;

/**
 * Lets calls in: a call takes capacity on the next ready instance (round-robin); when every
 * instance is full it starts one more while the pool may grow (only as many as the waiting calls
 * need), and waits for capacity up to the queue timeout, then is refused with 503.
 *
 * <p>The bulkhead: a deployment runs at most {@code min(concurrency x maxInstances,
 * max-calls-per-deployment)} calls at once and has at most {@code max-queue} more waiting; a call
 * beyond that is refused at once (503 with Retry-After), so one addon's slow calls cannot take the
 * servlet threads the other deployments' calls need. A call never waits past the caller's deadline:
 * when that is what runs out, the answer is 504. The counts and the round-robin cursor are guarded
 * by the pool lock.
 */
final class Admission {

    static final String REJECTED_QUEUE_FULL = "queue_full";
    static final String REJECTED_QUEUE_TIMEOUT = "queue_timeout";
    static final String REJECTED_DEADLINE = "deadline";

    private final PoolState state;
    private final Rollout rollout;
    private final Launcher launcher;
    private final PoolProperties props;
    private final Ticker ticker;
    private final PoolListener listener;
    private final RoundRobin roundRobin = new RoundRobin();
    private int waiting;
    private int leased;

    Admission(PoolState state, Rollout rollout, Launcher launcher, PoolProperties props, Ticker ticker,
            PoolListener listener) {
        this.state = state;
        this.rollout = rollout;
        this.launcher = launcher;
        this.props = props;
        this.ticker = ticker;
        this.listener = listener;
    }

    /** See {@link InstancePool#acquire(Set, long)}. */
    Lease acquire(InstancePool pool, Set<String> excluded, long deadline) {
        long entered = ticker.nanoTime();
        state.lock.lock();
        waiting++;
        try {
            long failuresAtEntry = state.startFailures();
            boolean queued = false;
            while (true) {
                if (state.closed()) {
                    throw new PlatformException(ProblemType.NOT_FOUND,
                            "Deployment " + state.key + " was removed while the call waited; PUT it again and retry.");
                }
                DeploymentSpec spec = state.spec();
                int bulkhead = bulkhead(spec);
                Instance picked = leased < bulkhead ? pick(excluded) : null;
                if (picked != null) {
                    picked.taken(ticker.instant());
                    leased++;
                    return new Lease(pool, picked, picked.launched().baseUri());
                }
                if (!queued && leased + waiting - 1 >= bulkhead + props.maxQueue()) {
                    throw queueFull(bulkhead);
                }
                queued = true;
                boolean anyReady = state.count(i -> serving(i) && !excluded.contains(i.id())) > 0;
                int live = state.count(state::liveCurrent);
                int starting = state.countCurrent(InstanceState.STARTING);
                if (!anyReady && starting == 0 && state.startFailures() > failuresAtEntry) {
                    throw new PlatformException(ProblemType.UPSTREAM_FAILED,
                            "No instance of " + state.key + " could be started: " + state.lastStartFailure());
                }
                if (live < spec.resources().maxInstances() && (long) live * spec.resources().concurrency() < bulkhead
                        && (long) starting * spec.resources().concurrency() < waiting) {
                    if (live == 0) {
                        listener.coldStart(state.key);
                    }
                    launcher.start();
                }
                Duration budget = anyReady ? props.queueTimeout() : props.startTimeout().plus(props.queueTimeout());
                long now = ticker.nanoTime();
                long remaining = budget.toNanos() - (now - entered);
                // no subtraction from NO_DEADLINE: a negative nanoTime reading would overflow it
                long callerLeft = deadline == InstancePool.NO_DEADLINE ? Long.MAX_VALUE : deadline - now;
                if (callerLeft <= 0 && callerLeft < remaining) {
                    listener.rejected(state.key, REJECTED_DEADLINE);
                    throw new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The caller's deadline passed while the call to "
                            + state.key + " waited for an instance slot (" + live + " instances, " + leased + " calls running).");
                }
                if (remaining <= 0) {
                    listener.rejected(state.key, REJECTED_QUEUE_TIMEOUT);
                    throw busy(spec, live, budget);
                }
                ticker.awaitNanos(state.changed, Math.min(remaining, callerLeft));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while waiting for an instance of " + state.key);
        } finally {
            waiting--;
            state.lock.unlock();
        }
    }

    /** The call is done with the instance; a draining one goes once its last call is. */
    void giveBack(Instance instance) {
        state.lock.lock();
        try {
            instance.returned(ticker.instant());
            leased--;
            if (instance.state() == InstanceState.DRAINING && instance.inFlight() == 0) {
                state.remove(instance);
            }
            state.changed.signalAll();
        } finally {
            state.lock.unlock();
        }
    }

    /** Calls waiting for capacity now. */
    int waiting() {
        state.lock.lock();
        try {
            return waiting;
        } finally {
            state.lock.unlock();
        }
    }

    /** Calls running on instances now. */
    int leased() {
        state.lock.lock();
        try {
            return leased;
        } finally {
            state.lock.unlock();
        }
    }

    private int bulkhead(DeploymentSpec spec) {
        return (int) Math.min((long) spec.resources().concurrency() * spec.resources().maxInstances(),
                props.maxCallsPerDeployment());
    }

    /** Round-robin over ready current-spec instances with capacity; old-spec ones only during a switch. */
    private @Nullable Instance pick(Set<String> excluded) {
        Instance found = roundRobin.next(state.instances(), i -> state.current(i) && i.state() == InstanceState.READY
                && i.hasCapacity() && !excluded.contains(i.id()));
        if (found == null && rollout.switching()) {
            found = roundRobin.next(state.instances(), i -> !state.current(i) && i.state() == InstanceState.READY
                    && i.hasCapacity() && !excluded.contains(i.id()));
        }
        return found;
    }

    /** Ready and allowed to take calls now (old-spec instances only while a switch is under way). */
    private boolean serving(Instance instance) {
        return instance.state() == InstanceState.READY && (state.current(instance) || rollout.switching());
    }

    private PlatformException queueFull(int bulkhead) {
        listener.rejected(state.key, REJECTED_QUEUE_FULL);
        PlatformException full = new PlatformException(ProblemType.UNAVAILABLE, "Addon " + state.key + " is at its share of "
                + "the runtime (" + bulkhead + " calls running and " + props.maxQueue() + " more waiting): " + leased
                + " running, " + (waiting - 1) + " waiting; retry later.");
        full.getHeaders().set("Retry-After", Long.toString(Math.max(1, props.retryAfter().toSeconds())));
        return full;
    }

    private PlatformException busy(DeploymentSpec spec, int live, Duration budget) {
        PlatformException busy = new PlatformException(ProblemType.UNAVAILABLE, "All instances of " + state.key
                + " are busy (" + live + " of at most " + spec.resources().maxInstances() + ", "
                + spec.resources().concurrency() + " calls each) and the wait of "
                + budget.toMillis() + " ms ran out; retry later.");
        busy.getHeaders().set("Retry-After", Long.toString(Math.max(1, props.retryAfter().toSeconds())));
        return busy;
    }
}
