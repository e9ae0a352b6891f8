package com.themepress.runtime.pool;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One container of a pool. Mutable state is guarded by the owning pool's lock ({@link PoolState#lock});
 * other threads read it through {@link InstancePool#snapshot()}.
 */
public final class Instance {

    private final String id;
    private final DeploymentSpec spec;
    private final long createdNanos;
    private @Nullable Launched launched;
    private InstanceState state = InstanceState.STARTING;
    private int inFlight;
    private Instant lastUsed;
    private @Nullable Instant readySince;
    private int healthFailures;

    Instance(String id, DeploymentSpec spec, Instant now, long createdNanos) {
        this.id = id;
        this.spec = spec;
        this.lastUsed = now;
        this.createdNanos = createdNanos;
    }

    public String id() {
        return id;
    }

    public DeploymentSpec spec() {
        return spec;
    }

    /** Present from the moment the container runs. */
    public @Nullable Launched launched() {
        return launched;
    }

    InstanceState state() {
        return state;
    }

    int inFlight() {
        return inFlight;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    @Nullable Instant readySince() {
        return readySince;
    }

    long createdNanos() {
        return createdNanos;
    }

    void launched(Launched launched) {
        this.launched = launched;
    }

    void state(InstanceState state) {
        this.state = state;
    }

    void ready(Instant now) {
        this.state = InstanceState.READY;
        this.readySince = now;
        this.lastUsed = now;
    }

    void taken(Instant now) {
        inFlight++;
        lastUsed = now;
    }

    void returned(Instant now) {
        inFlight--;
        lastUsed = now;
    }

    int healthFailed() {
        return ++healthFailures;
    }

    void healthPassed() {
        healthFailures = 0;
    }

    boolean hasCapacity() {
        return inFlight < spec.resources().concurrency();
    }

    InstanceView view() {
        return new InstanceView(id, state.label(), inFlight, launched == null ? null : launched.containerId(),
                spec.hash(), lastUsed);
    }
}
