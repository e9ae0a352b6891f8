package com.themepress.runtime.pool;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a pool needs from the world: containers and their health. The Docker implementation lives
 * in {@code sandbox}; tests use fakes so that pool logic is checked without an engine.
 */
public interface InstanceDriver {

    /** Creates and starts a container for the instance; returns once it runs (not yet healthy). */
    Launched launch(DeploymentKey key, DeploymentSpec spec, String instanceId);

    /** One {@code GET /health}: completes true on a 2xx within the timeout, false otherwise; never fails. */
    CompletableFuture<Boolean> health(Launched instance, Duration timeout);

    /** Why the container is no longer running, or empty while it runs. */
    Optional<ContainerDeath> exited(Launched instance);

    /** Removes the container, forcefully; a container already gone is not an error. */
    void destroy(String containerId);

    /** Whether the image is present where containers are made. */
    boolean imageExists(String image);

    /** Subscribes to deaths of this runtime's containers as the engine reports them. */
    void onDeath(Consumer<ContainerDeath> listener);
}
