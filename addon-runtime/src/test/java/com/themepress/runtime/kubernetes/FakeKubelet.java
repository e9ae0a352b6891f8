package com.themepress.runtime.kubernetes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the kubelet for the mock API server, which schedules nothing: every new pod is given a running
 * container and the address 127.0.0.1 (where the test's {@code HttpFake} answers {@code /health}), unless its
 * image is one the test said cannot be pulled. {@link #end} makes a pod's container end as a node would report it.
 */
final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Set<String> unpullable = ConcurrentHashMap.newKeySet();
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    private final SharedIndexInformer<Pod> informer;

    FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
                    schedule(pod);
                }
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
            }
        });
    }

    void cannotPull(String image) {
        unpullable.add(image);
    }

    /** Pods of this image stay Pending, no node having room for them. */
    void noRoomFor(String image) {
        unschedulable.add(image);
    }

    private void schedule(Pod pod) {
        String image = pod.getSpec().getContainers().get(0).getImage();
        if (unschedulable.contains(image)) {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                    .withNewStatus().withPhase("Pending").addNewCondition().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition()
                    .endStatus().build());
            return;
        }
        if (unpullable.contains(image)) {
            status(pod.getMetadata().getName(), "Pending", null, new ContainerStatusBuilder().withName(PodProfile.CONTAINER)
                    .withState(new ContainerStateBuilder().withNewWaiting().withReason("ErrImagePull")
                            .withMessage("pull access denied for " + image).endWaiting().build())
                    .build());
            return;
        }
        status(pod.getMetadata().getName(), "Running", "127.0.0.1", new ContainerStatusBuilder().withName(PodProfile.CONTAINER)
                .withReady(true).withState(new ContainerStateBuilder().withNewRunning().endRunning().build()).build());
    }

    /** The pod's container ends with this reason ({@code Error}, {@code OOMKilled}) and exit code; the pod is Failed. */
    void end(String podName, String reason, int exitCode) {
        status(podName, "Failed", "127.0.0.1", new ContainerStatusBuilder().withName(PodProfile.CONTAINER)
                .withState(new ContainerStateBuilder().withNewTerminated().withReason(reason).withExitCode(exitCode)
                        .endTerminated().build())
                .build());
    }

    private void status(String podName, String phase, String ip, io.fabric8.kubernetes.api.model.ContainerStatus container) {
        client.pods().inNamespace(namespace).withName(podName).editStatus(p -> new PodBuilder(p).withNewStatus()
                .withPhase(phase).withPodIP(ip).withContainerStatuses(container).endStatus().build());
    }

    @Override
    public void close() {
        informer.stop();
    }
}
