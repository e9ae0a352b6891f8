package com.themepress.runtime.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What one pool knows, and the lock that guards it: the instances, the current spec, start
 * failures and whether the pool is closed. The parts of the pool ({@link Admission},
 * {@link Launcher}, {@link Rollout}, {@link Replacer}, {@link HealthChecks}, {@link Reaper}) keep
 * their own fields under this same lock; see {@link InstancePool} for the discipline.
 *
 * <p>Every method here expects the caller to hold {@link #lock}.
 */
final class PoolState {

    final DeploymentKey key;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever an instance changes state or capacity is given back; waiters re-check. */
    final Condition changed = lock.newCondition();

    private final ContainerWork work;
    private final List<Instance> instances = new ArrayList<>();
    private DeploymentSpec spec;
    private long startFailures;
    private String lastStartFailure = "";
    private boolean closed;

    PoolState(DeploymentKey key, DeploymentSpec spec, ContainerWork work) {
        this.key = key;
        this.spec = spec;
        this.work = work;
    }

    DeploymentSpec spec() {
        return spec;
    }

    void spec(DeploymentSpec next) {
        spec = next;
    }

    /** The live list, in start order; round-robin walks it by index. */
    List<Instance> instances() {
        return instances;
    }

    void add(Instance instance) {
        instances.add(instance);
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    long startFailures() {
        return startFailures;
    }

    String lastStartFailure() {
        return lastStartFailure;
    }

    void recordStartFailure(@Nullable String why) {
        startFailures++;
        lastStartFailure = why == null ? "unknown error" : why;
    }

    /** Out of the list; the container goes too once it is known (a launch still running removes its own). */
    void remove(Instance instance) {
        instance.state(InstanceState.REMOVED);
        instances.remove(instance);
        Launched launched = instance.launched();
        if (launched != null) {
            work.destroyLater(launched.containerId());
        }
    }

    boolean current(Instance instance) {
        return instance.spec().hash().equals(spec.hash());
    }

    /** Of the current spec and starting or ready: counts towards min and max instances. */
    boolean liveCurrent(Instance instance) {
        return current(instance)
                && (instance.state() == InstanceState.STARTING || instance.state() == InstanceState.READY);
    }

    int countCurrent(InstanceState state) {
        return count(i -> current(i) && i.state() == state);
    }

    int count(Predicate<Instance> predicate) {
        int n = 0;
        for (Instance instance : instances) {
            if (predicate.test(instance)) {
                n++;
            }
        }
        return n;
    }
}
