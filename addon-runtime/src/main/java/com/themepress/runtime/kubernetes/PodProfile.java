package com.themepress.runtime.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

import com.themepress.model.manifest.Resources;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.sandbox.HostApiAccess;
import com.themepress.runtime.sandbox.SandboxProperties;

/**
 * The confinement of every addon pod, in one place, matching the Docker driver's profile: a numeric non-root
 * user, a read-only root with a small memory-backed {@code /tmp}, no capabilities, no privilege gain, seccomp
 * {@code RuntimeDefault}, memory and CPU limits equal to the requests (Guaranteed QoS, so no overcommit), no
 * service-account token and no service links in the environment, and the optional RuntimeClass. The kubelet,
 * not the pod, sets the pids limit and log rotation (docs/kubernetes.md).
 */
final class PodProfile {

    static final String CONTAINER = "addon";
    private static final String TMP = "tmp";

    private final SandboxProperties sandbox;
    private final KubernetesProperties props;
    private final long uid;
    private final long gid;

    PodProfile(SandboxProperties sandbox, KubernetesProperties props) {
        this.sandbox = sandbox;
        this.props = props;
        String[] user = sandbox.user().split(":");
        if (!user[0].matches("\\d+") || (user.length > 1 && !user[1].matches("\\d+")) || Long.parseLong(user[0]) == 0) {
            throw new IllegalStateException("themepress.runtime.sandbox.user must be a numeric non-root uid[:gid] for pods, not "
                    + sandbox.user());
        }
        this.uid = Long.parseLong(user[0]);
        this.gid = user.length > 1 ? Long.parseLong(user[1]) : uid;
    }

    Pod pod(String name, DeploymentKey key, DeploymentSpec spec, String instanceId, boolean outbound,
            Optional<String> hostApiUrl) {
        Map<String, Quantity> resources = resources(spec.resources());
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(props.namespace())
                    .withLabels(PodLabels.labels(sandbox.runtimeId(), key, instanceId, outbound))
                    .withAnnotations(PodLabels.annotations(key, spec.hash(), hostApiUrl))
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withRuntimeClassName(props.runtimeClassName().isEmpty() ? null : props.runtimeClassName())
                    .withTerminationGracePeriodSeconds(2L)
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(uid)
                        .withRunAsGroup(gid)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .addNewContainer()
                        .withName(CONTAINER)
                        .withImage(spec.image())
                        .withImagePullPolicy(props.imagePullPolicy())
                        .addNewPort().withName("contract").withContainerPort(sandbox.containerPort()).endPort()
                        .withEnv(env(key, spec, instanceId, hostApiUrl))
                        .withNewResources().withRequests(resources).withLimits(resources).endResources()
                        .withSecurityContext(new SecurityContextBuilder()
                                .withRunAsNonRoot(true)
                                .withReadOnlyRootFilesystem(true)
                                .withAllowPrivilegeEscalation(false)
                                .withPrivileged(false)
                                .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                                .build())
                        .addNewVolumeMount().withName(TMP).withMountPath("/tmp").endVolumeMount()
                        // For kubectl's READY column; the pool polls /health itself before it sends a call.
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/health").withPort(new IntOrString(sandbox.containerPort())).endHttpGet()
                            .withPeriodSeconds(5)
                        .endReadinessProbe()
                    .endContainer()
                    .addNewVolume()
                        .withName(TMP)
                        .withNewEmptyDir().withMedium("Memory")
                            .withSizeLimit(new Quantity(Long.toString(sandbox.tmpfsSize().toBytes()))).endEmptyDir()
                    .endVolume()
                .endSpec()
                .build();
    }

    private static Map<String, Quantity> resources(Resources resources) {
        return Map.of("memory", new Quantity(resources.memoryMb() + "Mi"),
                "cpu", new Quantity(Math.max(1, Math.round(resources.cpus() * 1000)) + "m"));
    }

    private static List<EnvVar> env(DeploymentKey key, DeploymentSpec spec, String instanceId, Optional<String> hostApiUrl) {
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar("ADDON_NAME", key.name(), null),
                new EnvVar("ADDON_VERSION", key.version(), null), new EnvVar("INSTANCE_ID", instanceId, null),
                new EnvVar("ADDON_CONFIG", spec.configJson(), null)));
        hostApiUrl.ifPresent(url -> env.add(new EnvVar(HostApiAccess.ENV, url, null)));
        return env;
    }
}
