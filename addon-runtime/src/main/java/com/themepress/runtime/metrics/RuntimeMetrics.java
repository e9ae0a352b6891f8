package com.themepress.runtime.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.InstancePool;
import com.themepress.runtime.pool.InstanceState;
import com.themepress.runtime.pool.PoolListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The runtime's meters. Calls: {@code addon_executions_total{addon_id,function_name,status}} and
 * {@code addon_response_time_seconds{addon_id,function_name}} (buckets 0.1 to 10 s). Pools:
 * {@code addon_instances{addon_id,addon_version,state}}, cold starts, replacements (by reason),
 * reaps, start failures and start latency; the bulkhead: {@code addon_queued_calls} and
 * {@code addon_running_calls} per deployment, {@code addon_calls_rejected_total{addon_id,reason}}.
 * {@code addon_id} is the addon name.
 */
@Component
public class RuntimeMetrics implements PoolListener {

    public static final String OTHER = "other";
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final MetricsProperties props;
    private final Map<String, Set<String>> functions = new ConcurrentHashMap<>();
    private final Map<DeploymentKey, List<Meter>> poolGauges = new ConcurrentHashMap<>();
    private final Map<CallKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<CallKey, Timer> timers = new ConcurrentHashMap<>();

    public RuntimeMetrics(MeterRegistry registry, MetricsProperties props) {
        this.registry = registry;
        this.props = props;
    }

    /** The label value for a function: itself while the addon has fewer than the cap, else {@code other}. */
    public String functionLabel(DeploymentKey key, String function) {
        Set<String> known = functions.computeIfAbsent(key.name(), k -> ConcurrentHashMap.newKeySet());
        if (known.contains(function)) {
            return function;
        }
        if (known.size() < props.maxFunctionNames() && known.add(function)) {
            return function;
        }
        return known.contains(function) ? function : OTHER;
    }

    /** One call; {@code nanos} is negative when the call never reached an instance (not timed). */
    public void record(DeploymentKey key, String functionLabel, Outcome outcome, long nanos) {
        counters.computeIfAbsent(new CallKey(key.name(), functionLabel, outcome), k -> Counter.builder("addon_executions")
                .description("Calls forwarded to addon instances")
                .tags("addon_id", k.addon(), "function_name", k.function(), "status", k.outcome().label())
                .register(registry))
                .increment();
        if (nanos >= 0) {
            timers.computeIfAbsent(new CallKey(key.name(), functionLabel, null), k -> Timer.builder("addon_response_time")
                    .description("Time from receiving a call to having the addon's answer")
                    .tags("addon_id", k.addon(), "function_name", k.function())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Meters are looked up per call; caching them saves building and sorting their ids each time. */
    private record CallKey(String addon, String function, @Nullable Outcome outcome) {
    }

    @Override
    public void poolCreated(InstancePool pool) {
        List<Meter> gauges = new ArrayList<>();
        for (InstanceState state : List.of(InstanceState.STARTING, InstanceState.READY, InstanceState.DRAINING)) {
            gauges.add(Gauge.builder("addon_instances", pool, p -> p.count(state))
                    .description("Instances per deployment and state")
                    .tags("addon_id", pool.key().name(), "addon_version", pool.key().version(), "state", state.label())
                    .register(registry));
        }
        gauges.add(Gauge.builder("addon_queued_calls", pool, InstancePool::waiting)
                .description("Calls waiting for an instance slot, per deployment (at most pool.max-queue beyond the bulkhead)")
                .tags("addon_id", pool.key().name(), "addon_version", pool.key().version())
                .register(registry));
        gauges.add(Gauge.builder("addon_running_calls", pool, InstancePool::running)
                .description("Calls running on a deployment's instances (at most its bulkhead)")
                .tags("addon_id", pool.key().name(), "addon_version", pool.key().version())
                .register(registry));
        poolGauges.put(pool.key(), gauges);
    }

    @Override
    public void poolRemoved(InstancePool pool) {
        List<Meter> gauges = poolGauges.remove(pool.key());
        if (gauges != null) {
            gauges.forEach(registry::remove);
        }
    }

    @Override
    public void coldStart(DeploymentKey key) {
        counter("addon_cold_starts", "Calls that found no instance and waited for one to start", key).increment();
    }

    @Override
    public void instanceStarted(DeploymentKey key, long startNanos) {
        Timer.builder("addon_instance_start")
                .description("Container create to first healthy /health")
                .tags("addon_id", key.name())
                .register(registry)
                .record(startNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void startFailed(DeploymentKey key) {
        counter("addon_instance_start_failures", "Instances that never became healthy", key).increment();
    }

    @Override
    public void replaced(DeploymentKey key, String reason) {
        Counter.builder("addon_instance_replacements")
                .description("Instances replaced, by reason")
                .tags("addon_id", key.name(), "reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void reaped(DeploymentKey key) {
        counter("addon_instance_reaps", "Idle instances removed by the reaper", key).increment();
    }

    @Override
    public void rejected(DeploymentKey key, String reason) {
        Counter.builder("addon_calls_rejected")
                .description("Calls turned away before reaching an instance: queue_full, queue_timeout (503), deadline (504)")
                .tags("addon_id", key.name(), "reason", reason)
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, DeploymentKey key) {
        return Counter.builder(name).description(description).tags("addon_id", key.name()).register(registry);
    }
}
