package com.themepress.runtime.pool;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Containers that exist only as ids; health and deaths are set by the test. */
final class FakeDriver implements InstanceDriver {

    final List<String> launched = new CopyOnWriteArrayList<>();
    final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    final Set<String> unhealthy = ConcurrentHashMap.newKeySet();
    final Map<String, ContainerDeath> exits = new ConcurrentHashMap<>();
    final List<Consumer<ContainerDeath>> deathListeners = new CopyOnWriteArrayList<>();
    /** While false, new containers never answer /health (a slow or broken start). */
    volatile boolean startsHealthy = true;
    volatile RuntimeException launchFailure;

    @Override
    public Launched launch(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        if (launchFailure != null) {
            throw launchFailure;
        }
        String containerId = "c-" + instanceId;
        if (!startsHealthy) {
            unhealthy.add(containerId);
        }
        launched.add(containerId);
        return new Launched(containerId, URI.create("http://" + instanceId + ".fake:3000"));
    }

    @Override
    public CompletableFuture<Boolean> health(Launched instance, Duration timeout) {
        String id = instance.containerId();
        return CompletableFuture.completedFuture(!unhealthy.contains(id) && !destroyed.contains(id) && !exits.containsKey(id));
    }

    @Override
    public Optional<ContainerDeath> exited(Launched instance) {
        return Optional.ofNullable(exits.get(instance.containerId()));
    }

    @Override
    public void destroy(String containerId) {
        destroyed.add(containerId);
    }

    @Override
    public boolean imageExists(String image) {
        return true;
    }

    @Override
    public void onDeath(Consumer<ContainerDeath> listener) {
        deathListeners.add(listener);
    }

    /** The engine reports the container dead. */
    void kill(String containerId, String reason) {
        ContainerDeath death = new ContainerDeath(containerId, reason, 137);
        exits.put(containerId, death);
        deathListeners.forEach(l -> l.accept(death));
    }

    void healAll() {
        unhealthy.clear();
    }
}
