package com.themepress.runtime.pool;

/** What pools report as they live; metrics implement it. Every method has a no-op default. */
public interface PoolListener {

    PoolListener NONE = new PoolListener() {
    };

    default void poolCreated(InstancePool pool) {
    }

    default void poolRemoved(InstancePool pool) {
    }

    /** A call found no instance and had to wait for a container start. */
    default void coldStart(DeploymentKey key) {
    }

    default void instanceStarted(DeploymentKey key, long startNanos) {
    }

    default void startFailed(DeploymentKey key) {
    }

    /** @param reason bounded: exited, oom_killed, unhealthy, timeout, unreachable */
    default void replaced(DeploymentKey key, String reason) {
    }

    default void reaped(DeploymentKey key) {
    }

    /** A call was turned away before it reached an instance; {@code reason} is one of {@link Admission}'s REJECTED_ constants. */
    default void rejected(DeploymentKey key, String reason) {
    }
}
