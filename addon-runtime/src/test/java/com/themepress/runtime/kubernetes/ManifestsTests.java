package com.themepress.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import com.themepress.testsupport.ComponentAbsent;

/**
 * Every overlay of {@code k8s/} renders with {@code kubectl kustomize}, every object passes the client-side schema
 * check ({@link StrictModel}), and the rules of docs/kubernetes.md hold: every container has limits, probes and a
 * restrictive security context; HPAs, PDBs and NetworkPolicies are where they should be; the runtime's RBAC
 * stays in the addons namespace; and the runtime's settings agree with the policies that name them.
 */
class ManifestsTests {

    private static Path kubectl;

    @BeforeAll
    static void needsKubectl() {
        Optional<Path> found = RenderedManifests.kubectl();
        ComponentAbsent.assume(found.isPresent(), "kubectl (on PATH), to render k8s/ with kustomize");
        kubectl = found.orElseThrow();
    }

    static List<String> overlays() throws Exception {
        return RenderedManifests.overlays();
    }

    static List<HasMetadata> render(String overlay) throws Exception {
        return RenderedManifests.render(kubectl, RenderedManifests.K8S.resolve("overlays").resolve(overlay));
    }

    @Test
    void thereAreSmallAndManagedOverlays() throws Exception {
        assertThat(overlays()).contains("small", "managed");
    }

    @Test
    void theSchemaCheckRefusesAnUnknownFieldAndAnUnknownKind() {
        assertThatThrownBy(() -> StrictModel.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports: [{port: 80, targetPortt: http}]
                """)).hasMessageContaining("Service s.spec.ports[0].targetPortt");
        assertThatThrownBy(() -> StrictModel.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec: {replicas: two}
                """)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> StrictModel.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                """)).hasMessageContaining("unknown kind");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasLimitsProbesAndARestrictiveSecurityContext(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : render(overlay)) {
            PodTemplateSpec template = template(object);
            if (template == null) {
                continue;
            }
            PodSecurityContext pod = template.getSpec().getSecurityContext();
            for (Container container : template.getSpec().getContainers()) {
                String where = object.getKind() + " " + object.getMetadata().getName() + " container " + container.getName();
                Map<String, ?> limits = container.getResources() == null ? null : container.getResources().getLimits();
                if (limits == null || !limits.containsKey("memory") || !limits.containsKey("cpu")) {
                    problems.add(where + ": no memory and cpu limits");
                }
                if (container.getLivenessProbe() == null || container.getReadinessProbe() == null) {
                    problems.add(where + ": no liveness and readiness probes");
                }
                problems.addAll(securityProblems(where, pod, container.getSecurityContext()));
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> securityProblems(String where, PodSecurityContext pod, SecurityContext container) {
        List<String> problems = new ArrayList<>();
        if (container == null) {
            return List.of(where + ": no securityContext");
        }
        boolean nonRoot = Boolean.TRUE.equals(container.getRunAsNonRoot()) || pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        String seccomp = container.getSeccompProfile() != null ? container.getSeccompProfile().getType()
                : pod != null && pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
        if (!nonRoot) {
            problems.add(where + ": may run as root");
        }
        if (!"RuntimeDefault".equals(seccomp)) {
            problems.add(where + ": seccomp is not RuntimeDefault");
        }
        if (!Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            problems.add(where + ": privilege escalation allowed");
        }
        if (!Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())) {
            problems.add(where + ": writable root filesystem");
        }
        if (Boolean.TRUE.equals(container.getPrivileged())) {
            problems.add(where + ": privileged");
        }
        if (container.getCapabilities() == null || !List.of("ALL").equals(container.getCapabilities().getDrop())
                || container.getCapabilities().getAdd() != null && !container.getCapabilities().getAdd().isEmpty()) {
            problems.add(where + ": capabilities not all dropped");
        }
        return problems;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theScalableServicesHaveHpasAndEveryWorkloadAPdbAndAService(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Set<String> deployments = names(objects, Deployment.class);
        assertThat(deployments).contains("api-gateway", "addon-server", "widget-renderer");
        assertThat(of(objects, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("api-gateway", "addon-server", "widget-renderer");
        Set<Map<String, String>> pdbSelectors = of(objects, PodDisruptionBudget.class).stream()
                .map(p -> p.getSpec().getSelector().getMatchLabels()).collect(Collectors.toSet());
        List<Map<String, String>> podLabels = new ArrayList<>();
        for (HasMetadata object : objects) {
            PodTemplateSpec template = template(object);
            if (template != null) {
                podLabels.add(template.getMetadata().getLabels());
            }
        }
        for (String service : List.of("api-gateway", "addon-server", "widget-renderer", "addon-runtime")) {
            assertThat(pdbSelectors).as("PDB of " + service).contains(Map.of("app.kubernetes.io/name", service));
        }
        for (Service service : of(objects, Service.class)) {
            assertThat(podLabels).as("pods behind Service " + service.getMetadata().getName())
                    .anyMatch(labels -> labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void addonPodsAreDeniedEverythingByDefaultAndTheControlPlaneAdmitsThemOnlyOnTheHostApiPort(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        assertThat(of(objects, Namespace.class)).extracting(n -> n.getMetadata().getName())
                .contains("themepress", "themepress-addons")
                .allSatisfy(name -> assertThat(namespace(objects, name).getMetadata().getLabels())
                        .containsEntry("pod-security.kubernetes.io/enforce", "restricted"));
        List<NetworkPolicy> policies = of(objects, NetworkPolicy.class);
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getMetadata().getNamespace()).isEqualTo("themepress-addons");
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getMetadata().getNamespace()).isEqualTo("themepress");
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
        });
        String hostApiPort = env(runtime(objects), "THEMEPRESS_RUNTIME_HOSTAPI_PORT");
        for (NetworkPolicy policy : policies) {
            if (!"themepress".equals(policy.getMetadata().getNamespace()) || policy.getSpec().getIngress() == null) {
                continue;
            }
            policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getFrom() != null && rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && "themepress-addons".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))))
                    .forEach(rule -> {
                        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                                .isEqualTo(Map.of("app.kubernetes.io/name", "addon-runtime"));
                        assertThat(rule.getPorts()).singleElement()
                                .satisfies(port -> assertThat(port.getPort().getIntVal()).hasToString(hostApiPort));
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRuntimeRunsThePodDriverWithARoleLimitedToTheAddonsNamespace(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        StatefulSet runtime = runtime(objects);
        Map<String, String> runtimeLabels = runtime.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(env(runtime, "THEMEPRESS_RUNTIME_DRIVER")).isEqualTo("kubernetes");
        assertThat(runtimeLabels.entrySet()).containsAll(AddonNetworkPolicies.parse(
                env(runtime, "THEMEPRESS_RUNTIME_KUBERNETES_RUNTIMESELECTOR")).entrySet());
        assertThat(env(runtime, "THEMEPRESS_RUNTIME_KUBERNETES_RUNTIMENAMESPACE")).isEqualTo(runtime.getMetadata().getNamespace());
        String addons = env(runtime, "THEMEPRESS_RUNTIME_KUBERNETES_NAMESPACE");
        assertThat(runtime.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .anySatisfy(p -> assertThat(p.getContainerPort()).hasToString(env(runtime, "THEMEPRESS_RUNTIME_HOSTAPI_PORT")));

        List<Role> roles = of(objects, Role.class);
        assertThat(roles).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getNamespace()).isEqualTo(addons);
            for (PolicyRule rule : role.getRules()) {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*", "secrets", "serviceaccounts", "roles", "rolebindings");
            }
        });
        assertThat(of(objects, RoleBinding.class)).singleElement().satisfies(binding -> {
            assertThat(binding.getMetadata().getNamespace()).isEqualTo(addons);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo(runtime.getSpec().getTemplate().getSpec().getServiceAccountName());
                assertThat(subject.getNamespace()).isEqualTo(runtime.getMetadata().getNamespace());
            });
        });
        assertThat(objects).noneMatch(o -> o.getKind().startsWith("Cluster"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapKeyAContainerReadsIsRenderedAndEverySecretKeyIsInTheExampleSecret(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Secret secret = (Secret) StrictModel.parse(Files.readString(RenderedManifests.K8S.resolve("secret.example.yaml")));
        assertThat(objects).as("no Secret is applied with the manifests").noneMatch(Secret.class::isInstance);
        Map<String, Set<String>> configMaps = of(objects, ConfigMap.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getData().keySet()));
        for (HasMetadata object : objects) {
            PodTemplateSpec template = template(object);
            if (template == null) {
                continue;
            }
            template.getSpec().getContainers().stream().flatMap(c -> c.getEnv() == null ? Stream.<EnvVar>empty() : c.getEnv().stream())
                    .map(EnvVar::getValueFrom).filter(Objects::nonNull).forEach(from -> {
                        if (from.getConfigMapKeyRef() != null) {
                            assertThat(configMaps.get(from.getConfigMapKeyRef().getName())).as(object.getMetadata().getName())
                                    .contains(from.getConfigMapKeyRef().getKey());
                        }
                        if (from.getSecretKeyRef() != null) {
                            assertThat(from.getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
                            assertThat(secret.getStringData()).as("keys in k8s/secret.example.yaml")
                                    .containsKey(from.getSecretKeyRef().getKey());
                        }
                    });
        }
    }

    private static StatefulSet runtime(List<HasMetadata> objects) {
        return of(objects, StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals("addon-runtime"))
                .findFirst().orElseThrow();
    }

    private static String env(StatefulSet workload, String name) {
        return workload.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not set on " + workload.getMetadata().getName()));
    }

    private static Namespace namespace(List<HasMetadata> objects, String name) {
        return of(objects, Namespace.class).stream().filter(n -> n.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static PodTemplateSpec template(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate();
        }
        return null;
    }

    private static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return of(objects, type).stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }
}
