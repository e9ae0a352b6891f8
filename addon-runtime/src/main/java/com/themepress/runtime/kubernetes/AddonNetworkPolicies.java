package com.themepress.runtime.kubernetes;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import com.themepress.runtime.sandbox.Labels;
import com.themepress.runtime.sandbox.SandboxProperties;

/**
 * An addon's NetworkPolicies, made before its first pod. {@code addon-NAME} selects all its pods and admits
 * only the runtime's pods, on the contract port, and lets them reach only the runtime's host API port (or
 * nothing when the host API is off). {@code addon-NAME-outbound} selects only pods labelled
 * {@code themepress.outbound=true} and adds egress beyond the cluster ({@link KubernetesProperties#outboundExcept()}
 * stays closed) plus DNS. Policies add up, so two versions of an addon, one granted outbound and one not, each
 * get what they should. Every runtime replica writes the same content, so writing again is harmless.
 */
final class AddonNetworkPolicies {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "themepress-runtime";

    private final KubernetesClient client;
    private final KubernetesProperties props;
    private final SandboxProperties sandbox;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    AddonNetworkPolicies(KubernetesClient client, KubernetesProperties props, SandboxProperties sandbox) {
        this.client = client;
        this.props = props;
        this.sandbox = sandbox;
    }

    /** Writes the policies the addon's next pod needs, once per runtime run; {@code hostApiPort} empty: no host API. */
    void ensure(String addon, boolean outbound, OptionalInt hostApiPort) {
        NetworkPolicy base = base(addon, hostApiPort);
        if (written.add(base.getMetadata().getName() + hostApiPort)) {
            apply(base);
        }
        if (outbound) {
            NetworkPolicy out = outbound(addon);
            if (written.add(out.getMetadata().getName())) {
                apply(out);
            }
        }
    }

    static String name(String addon) {
        return "addon-" + addon;
    }

    private void apply(NetworkPolicy policy) {
        try {
            client.network().v1().networkPolicies().inNamespace(props.namespace()).resource(policy)
                    .createOr(NonDeletingOperation::update);
        } catch (RuntimeException e) {
            written.remove(policy.getMetadata().getName());
            throw e;
        }
    }

    NetworkPolicy base(String addon, OptionalInt hostApiPort) {
        NetworkPolicyPeer runtime = runtimePods();
        List<NetworkPolicyEgressRule> egress = hostApiPort.isPresent()
                ? List.of(new NetworkPolicyEgressRuleBuilder().withTo(runtime).withPorts(tcp(hostApiPort.getAsInt())).build())
                : List.of();
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(name(addon)).withNamespace(props.namespace()).withLabels(labels(addon)).endMetadata()
                .withNewSpec()
                    .withPodSelector(selector(Map.of(Labels.ADDON, PodLabels.value(addon))))
                    .withPolicyTypes("Ingress", "Egress")
                    .addNewIngress().withFrom(runtime).withPorts(tcp(sandbox.containerPort())).endIngress()
                    .withEgress(egress)
                .endSpec()
                .build();
    }

    NetworkPolicy outbound(String addon) {
        NetworkPolicyPeer dns = new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(Map.of("kubernetes.io/metadata.name", "kube-system")))
                .withPodSelector(selector(Map.of("k8s-app", "kube-dns")))
                .build();
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(name(addon) + "-outbound").withNamespace(props.namespace())
                    .withLabels(labels(addon)).endMetadata()
                .withNewSpec()
                    .withPodSelector(selector(Map.of(Labels.ADDON, PodLabels.value(addon), PodLabels.OUTBOUND, "true")))
                    .withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo().withNewIpBlock().withCidr("0.0.0.0/0").withExcept(props.outboundExcept()).endIpBlock().endTo()
                    .endEgress()
                    .addNewEgress().withTo(dns).withPorts(port("UDP", 53), port("TCP", 53)).endEgress()
                .endSpec()
                .build();
    }

    private NetworkPolicyPeer runtimePods() {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(selector(Map.of("kubernetes.io/metadata.name", props.runtimeNamespace())))
                .withPodSelector(selector(parse(props.runtimeSelector())))
                .build();
    }

    static Map<String, String> parse(String selector) {
        return Arrays.stream(selector.split(",")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
    }

    private static Map<String, String> labels(String addon) {
        return Map.of(Labels.ADDON, PodLabels.value(addon), MANAGED_BY, MANAGER);
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    private static NetworkPolicyPort tcp(int port) {
        return port("TCP", port);
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }

    static OptionalInt portOf(Optional<String> url) {
        return url.map(u -> URI.create(u).getPort()).filter(p -> p > 0).map(OptionalInt::of).orElse(OptionalInt.empty());
    }
}
