package com.themepress.runtime.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.themepress.runtime.time.Ticker;

/**
 * Asks running instances for {@code /health}: every health round, and at once when a call could
 * not connect. {@link PoolProperties#unhealthyThreshold()} failures in a row, or a container the
 * engine reports stopped, get the instance replaced. Checks run off the pool lock; results are
 * applied under it.
 */
final class HealthChecks {

    private static final long EXIT_WAIT_STEP = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int EXIT_WAIT_STEPS = 10;

    private final PoolState state;
    private final ContainerWork work;
    private final InstanceDriver driver;
    private final PoolProperties props;
    private final Ticker ticker;
    private final Replacer replacer;

    HealthChecks(PoolState state, ContainerWork work, InstanceDriver driver, PoolProperties props, Ticker ticker,
            Replacer replacer) {
        this.state = state;
        this.work = work;
        this.driver = driver;
        this.props = props;
        this.ticker = ticker;
        this.replacer = replacer;
    }

    /** One round: every running instance gets a /health; results arrive asynchronously. */
    void round() {
        List<Instance> running = new ArrayList<>();
        state.lock.lock();
        try {
            for (Instance instance : state.instances()) {
                if (instance.launched() != null && (instance.state() == InstanceState.READY
                        || instance.state() == InstanceState.DRAINING)) {
                    running.add(instance);
                }
            }
        } finally {
            state.lock.unlock();
        }
        for (Instance instance : running) {
            Launched launched = instance.launched();
            driver.health(launched, props.healthTimeout()).thenAccept(ok -> result(instance, launched, ok));
        }
    }

    /** A call could not connect: check the instance now instead of at the next round. */
    void suspect(Instance instance) {
        Launched launched;
        state.lock.lock();
        try {
            launched = instance.launched();
            if (launched == null || instance.state() == InstanceState.REMOVED) {
                return;
            }
        } finally {
            state.lock.unlock();
        }
        work.submit(() -> {
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isEmpty() && !driver.health(launched, props.healthTimeout()).join()) {
                death = awaitExit(launched);
                replacer.replace(instance, death.map(ContainerDeath::reason).orElse("unreachable"));
            } else {
                death.ifPresent(d -> replacer.replace(instance, d.reason()));
            }
        });
    }

    private void result(Instance instance, Launched launched, boolean ok) {
        int failures;
        state.lock.lock();
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
            state.lock.unlock();
        }
        work.submit(() -> {
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isPresent()) {
                replacer.replace(instance, death.get().reason());
            } else if (failures >= props.unhealthyThreshold()) {
                replacer.replace(instance, "unhealthy");
            }
        });
    }

    /** A process that just died may still show as running for a moment; give the engine a second to say why. */
    private Optional<ContainerDeath> awaitExit(Launched launched) {
        for (int i = 0; i < EXIT_WAIT_STEPS; i++) {
            ticker.sleepNanos(EXIT_WAIT_STEP);
            Optional<ContainerDeath> death = driver.exited(launched);
            if (death.isPresent()) {
                return death;
            }
        }
        return Optional.empty();
    }
}
