package com.themepress.runtime.kubernetes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import com.themepress.runtime.pool.ContainerDeath;
import com.themepress.runtime.sandbox.Labels;

/**
 * Follows this runtime's pods with an informer (list, then watch, re-listing after a broken watch) and tells
 * the listeners when one's container ends or the pod goes (deleted from outside, evicted, its node lost): the
 * pod driver's counterpart of the Docker engine's {@code die} events. Deletions the runtime made itself are
 * reported too; the pool ignores pods it no longer holds.
 */
final class PodDeaths implements ResourceEventHandler<Pod> {

    private static final Logger log = LoggerFactory.getLogger(PodDeaths.class);

    private final List<Consumer<ContainerDeath>> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<String> gone;
    private volatile @Nullable SharedIndexInformer<Pod> informer;

    /** @param gone told the name of every pod that ended or went, before the listeners */
    PodDeaths(Consumer<String> gone) {
        this.gone = gone;
    }

    void listen(Consumer<ContainerDeath> listener) {
        listeners.add(listener);
    }

    /** Starts following without waiting for the API server; an unreachable one is retried, not fatal. */
    void start(KubernetesClient client, String namespace, String runtimeId) {
        SharedIndexInformer<Pod> started = client.pods().inNamespace(namespace).withLabel(Labels.RUNTIME, runtimeId)
                .runnableInformer(0)
                .exceptionHandler((isStarted, error) -> {
                    log.warn("Following pods in {} failed ({}); retrying", namespace, error.toString());
                    return true;
                });
        started.addEventHandler(this);
        informer = started;
        started.start();
    }

    void stop() {
        SharedIndexInformer<Pod> running = informer;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public void onAdd(Pod pod) {
        PodStates.death(pod).ifPresent(this::report);
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        if (PodStates.death(before).isEmpty()) {
            PodStates.death(after).ifPresent(this::report);
        }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        report(PodStates.death(pod).orElse(new ContainerDeath(pod.getMetadata().getName(), "exited", -1)));
    }

    private void report(ContainerDeath death) {
        gone.accept(death.containerId());
        for (Consumer<ContainerDeath> listener : listeners) {
            try {
                listener.accept(death);
            } catch (RuntimeException e) {
                log.warn("Death listener failed for pod {}", death.containerId(), e);
            }
        }
    }
}
