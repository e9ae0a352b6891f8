package com.themepress.runtime.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a lost instance (dead, unhealthy, stuck past its timeout) out of the pool and, if it was
 * of the current spec, starts its successor, at once or after the {@link CrashBackoff}.
 */
final class Replacer {

    private static final Logger log = LoggerFactory.getLogger(Replacer.class);

    private final PoolState state;
    private final ContainerWork work;
    private final CrashBackoff backoff;
    private final Launcher launcher;
    private final PoolListener listener;

    Replacer(PoolState state, ContainerWork work, CrashBackoff backoff, Launcher launcher, PoolListener listener) {
        this.state = state;
        this.work = work;
        this.backoff = backoff;
        this.launcher = launcher;
        this.listener = listener;
    }

    /** @param reason bounded label, see {@link PoolListener#replaced} */
    void replace(Instance instance, String reason) {
        state.lock.lock();
        try {
            if (instance.state() == InstanceState.REMOVED) {
                return;
            }
            boolean wasStarting = instance.state() == InstanceState.STARTING;
            state.remove(instance);
            listener.replaced(state.key, reason);
            log.info("Replacing instance {} of {} ({})", instance.id(), state.key, reason);
            if (wasStarting) {
                state.recordStartFailure("the container stopped while starting (" + reason + ")");
            }
            if (state.closed() || !state.current(instance)) {
                return;
            }
            long delay = backoff.lost(instance, !"timeout".equals(reason));
            if (delay > 0) {
                work.later(delay, launcher::ensureMin);
            } else if (!wasStarting && state.count(state::liveCurrent) < state.spec().resources().maxInstances()) {
                launcher.start();
            }
        } finally {
            state.changed.signalAll();
            state.lock.unlock();
        }
    }

    /** @return whether the container was one of this pool's */
    boolean containerDied(ContainerDeath death) {
        Instance dead = null;
        state.lock.lock();
        try {
            for (Instance instance : state.instances()) {
                Launched launched = instance.launched();
                if (launched != null && launched.containerId().equals(death.containerId())) {
                    dead = instance;
                }
            }
            if (dead != null) {
                replace(dead, death.reason());
            }
        } finally {
            state.lock.unlock();
        }
        return dead != null;
    }
}
