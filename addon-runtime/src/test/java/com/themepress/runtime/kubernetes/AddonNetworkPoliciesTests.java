package com.themepress.runtime.kubernetes;

import static com.themepress.runtime.kubernetes.KubernetesTestSetup.KEY;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.NAMESPACE;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * Before an addon's first pod its NetworkPolicies exist: only the runtime's pods come in, on the contract port;
 * nothing goes out but the host API, unless the deployment was granted {@code network.outbound}.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@Timeout(60)
class AddonNetworkPoliciesTests {

    KubernetesClient client;
    HttpFake addon;
    FakeKubelet kubelet;
    KubernetesDriver driver;

    @BeforeEach
    void start() {
        addon = HttpFake.start().route("/health", request -> Reply.status(200));
        kubelet = new FakeKubelet(client, NAMESPACE);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.destroy();
        }
        kubelet.close();
        addon.close();
    }

    void launch(Map<String, String> settings, boolean outbound) {
        driver = KubernetesTestSetup.driver(client, addon.port(), settings);
        driver.afterPropertiesSet();
        driver.launch(KEY, spec(1, outbound, "a"), "inst00000001");
    }

    NetworkPolicy policy(String name) {
        return client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName(name).get();
    }

    @Test
    void onlyTheRuntimeComesInAndOnlyTheHostApiIsReachable() {
        launch(Map.of(), false);

        NetworkPolicySpec spec = policy("addon-shop").getSpec();
        assertThat(spec.getPodSelector().getMatchLabels()).isEqualTo(Map.of("themepress.addon", "shop"));
        assertThat(spec.getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(spec.getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(AddonNetworkPoliciesTests::isTheRuntime);
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(new IntOrString(addon.port())));
        });
        assertThat(spec.getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).singleElement().satisfies(AddonNetworkPoliciesTests::isTheRuntime);
            assertThat(rule.getPorts()).singleElement()
                    .satisfies(p -> assertThat(p.getPort()).isEqualTo(new IntOrString(KubernetesTestSetup.HOST_API_PORT)));
        });
        assertThat(policy("addon-shop-outbound")).isNull();
    }

    @Test
    void withoutTheHostApiNothingGoesOut() {
        launch(Map.of("host-api-address", ""), false);

        assertThat(policy("addon-shop").getSpec().getEgress()).isEmpty();
        assertThat(policy("addon-shop").getSpec().getPolicyTypes()).contains("Egress");
    }

    @Test
    void anOutboundGrantOpensEgressBeyondTheClusterForTheGrantedPodsOnly() {
        launch(Map.of(), true);

        NetworkPolicySpec spec = policy("addon-shop-outbound").getSpec();
        assertThat(spec.getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("themepress.addon", "shop", "themepress.outbound", "true"));
        assertThat(spec.getPolicyTypes()).containsExactly("Egress");
        assertThat(spec.getEgress().get(0).getTo().get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(spec.getEgress().get(0).getTo().get(0).getIpBlock().getExcept())
                .containsExactly("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).singleElement()
                .satisfies(pod -> assertThat(pod.getMetadata().getLabels()).containsEntry("themepress.outbound", "true"));
        assertThat(policy("addon-shop")).as("the base policy still applies").isNotNull();
    }

    private static void isTheRuntime(NetworkPolicyPeer peer) {
        assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "themepress"));
        assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "addon-runtime"));
        assertThat(peer.getIpBlock()).isNull();
        assertThat(List.of(peer)).hasSize(1);
    }
}
