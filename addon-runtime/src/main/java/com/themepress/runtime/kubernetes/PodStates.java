package com.themepress.runtime.kubernetes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

import com.themepress.runtime.pool.ContainerDeath;

/**
 * What a pod's status says, as the pool needs it: its address, whether its container ended (and why), or
 * whether it can never start. Addon pods have {@code restartPolicy: Never}, so a container that ends leaves
 * its pod {@code Failed} or {@code Succeeded} and the pool, not the kubelet, replaces it.
 */
final class PodStates {

    /** Waiting reasons that do not pass on their own: the image cannot be had or the container cannot be made. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError");

    private PodStates() {
    }

    static Optional<String> ip(Pod pod) {
        PodStatus status = pod.getStatus();
        String ip = status == null ? null : status.getPodIP();
        return ip == null || ip.isBlank() ? Optional.empty() : Optional.of(ip);
    }

    /** Why the pod's container ended, or empty while it runs or has yet to start. */
    static Optional<ContainerDeath> death(Pod pod) {
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        ContainerStateTerminated terminated = statuses(pod).stream()
                .map(s -> s.getState() == null ? null : s.getState().getTerminated())
                .filter(t -> t != null)
                .findFirst().orElse(null);
        if (terminated == null && !"Failed".equals(phase) && !"Succeeded".equals(phase)) {
            return Optional.empty();
        }
        boolean oom = terminated != null && "OOMKilled".equals(terminated.getReason());
        int exit = terminated == null || terminated.getExitCode() == null ? -1 : terminated.getExitCode();
        return Optional.of(new ContainerDeath(pod.getMetadata().getName(), oom ? "oom_killed" : "exited", exit));
    }

    /** Why the container will never start (a pull that fails, a config the kubelet refuses), or empty. */
    static Optional<String> stuck(Pod pod) {
        return statuses(pod).stream()
                .map(s -> s.getState() == null ? null : s.getState().getWaiting())
                .filter(w -> w != null && STUCK.contains(w.getReason()))
                .map(PodStates::describe)
                .findFirst();
    }

    /** Why the scheduler has not placed the pod yet (e.g. "0/3 nodes are available: 3 Insufficient memory."), or empty. */
    static Optional<String> unscheduled(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()))
                .findFirst();
    }

    /** Running with an address and its container not ended: a pod worth adopting (the pool checks its /health). */
    static boolean live(Pod pod) {
        PodStatus status = pod.getStatus();
        return status != null && "Running".equals(status.getPhase()) && ip(pod).isPresent() && death(pod).isEmpty()
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static String describe(ContainerStateWaiting waiting) {
        return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
    }

    private static List<ContainerStatus> statuses(@Nullable Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return List.of();
        }
        return pod.getStatus().getContainerStatuses();
    }
}
