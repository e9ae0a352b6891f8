package com.themepress.runtime.kubernetes;

import static com.themepress.runtime.kubernetes.KubernetesTestSetup.KEY;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.NAMESPACE;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import com.themepress.runtime.pool.ContainerDeath;
import com.themepress.runtime.pool.Launched;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * Pods on the mock API server in CRUD mode, with {@link FakeKubelet} giving them an address and ending them. The mock
 * speaks plain HTTP here and in the other driver tests: with TLS it makes a certificate for every test, seconds each.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@Timeout(60)
class KubernetesDriverTests {

    KubernetesClient client;
    HttpFake addon;
    FakeKubelet kubelet;
    KubernetesDriver driver;
    /** Every driver a test started: each holds a watch that the mock server waits for when it shuts down. */
    final List<KubernetesDriver> drivers = new ArrayList<>();

    @BeforeEach
    void start() {
        addon = HttpFake.start().route("/health", request -> Reply.json(200, "{\"status\":\"ok\"}"));
        kubelet = new FakeKubelet(client, NAMESPACE);
        driver = started(Map.of());
    }

    @AfterEach
    void stop() {
        drivers.forEach(KubernetesDriver::destroy);
        kubelet.close();
        addon.close();
    }

    KubernetesDriver started(Map<String, String> settings) {
        KubernetesDriver made = KubernetesTestSetup.driver(client, addon.port(), settings);
        drivers.add(made);
        made.afterPropertiesSet();
        return made;
    }

    Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    List<Pod> pods() {
        return client.pods().inNamespace(NAMESPACE).list().getItems();
    }

    @Test
    void aPodIsMadeWithTheSandboxProfileAndAnsweredAtItsAddress() {
        Launched launched = driver.launch(KEY, spec(1, false, "a"), "inst00000001");

        assertThat(launched.baseUri()).hasToString("http://127.0.0.1:" + addon.port());
        assertThat(driver.health(launched, Duration.ofSeconds(2)).join()).isTrue();
        Pod pod = pod(launched.containerId());
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getEnableServiceLinks()).isFalse();
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getPrivileged()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getResources().getLimits()).isEqualTo(container.getResources().getRequests())
                .containsEntry("memory", new Quantity("256Mi")).containsEntry("cpu", new Quantity("500m"));
        assertThat(container.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getSpec().getVolumes().get(0).getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("ADDON_NAME", "shop"),
                org.assertj.core.groups.Tuple.tuple("INSTANCE_ID", "inst00000001"),
                org.assertj.core.groups.Tuple.tuple("ADDON_CONFIG", "{\"greeting\":\"hi\"}"),
                org.assertj.core.groups.Tuple.tuple("THEMEPRESS_HOST_API", "http://10.1.2.3:7777"));
        assertThat(pod.getMetadata().getLabels()).containsEntry("themepress.runtime", "runtime-0")
                .containsEntry("themepress.addon", "shop").containsEntry("themepress.version", "1.0.0")
                .containsEntry("themepress.instance", "inst00000001").containsEntry("themepress.outbound", "false");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("themepress.spec", "a".repeat(64));
    }

    @Test
    void aPodWhoseImageCannotBePulledFailsTheStartAndIsRemoved() {
        kubelet.cannotPull("themepress/addon-shop:1.0.0");

        assertThatThrownBy(() -> driver.launch(KEY, spec(1, false, "a"), "inst00000001"))
                .hasMessageContaining("ErrImagePull").hasMessageContaining("pull access denied");
        await().atMost(Duration.ofSeconds(5)).until(() -> pods().isEmpty());
    }

    @Test
    void aPodNoNodeHasRoomForFailsTheStartAtTheTimeoutWithTheSchedulersReason() {
        kubelet.noRoomFor("themepress/addon-shop:1.0.0");
        KubernetesDriver impatient = KubernetesTestSetup.driver(client, addon.port(), Map.of(), "1s");

        assertThatThrownBy(() -> impatient.launch(KEY, spec(1, false, "a"), "inst00000001"))
                .hasMessageContaining("got no address within 1000 ms")
                .hasMessageContaining("Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
        assertThat(pods()).isEmpty();
    }

    @Test
    void aContainerThatEndsIsReportedWithItsReason() {
        List<ContainerDeath> deaths = new CopyOnWriteArrayList<>();
        driver.onDeath(deaths::add);
        Launched launched = driver.launch(KEY, spec(1, false, "a"), "inst00000001");

        kubelet.end(launched.containerId(), "OOMKilled", 137);

        await().atMost(Duration.ofSeconds(5)).until(() -> !deaths.isEmpty());
        assertThat(deaths.get(0)).isEqualTo(new ContainerDeath(launched.containerId(), "oom_killed", 137));
        assertThat(driver.exited(launched)).contains(new ContainerDeath(launched.containerId(), "oom_killed", 137));
    }

    @Test
    void aPodDeletedFromOutsideIsReportedAsExited() {
        List<ContainerDeath> deaths = new CopyOnWriteArrayList<>();
        driver.onDeath(deaths::add);
        Launched launched = driver.launch(KEY, spec(1, false, "a"), "inst00000001");
        assertThat(driver.exited(launched)).isEmpty();

        client.pods().inNamespace(NAMESPACE).withName(launched.containerId()).delete();

        await().atMost(Duration.ofSeconds(5)).until(() -> !deaths.isEmpty());
        assertThat(deaths.get(0).reason()).isEqualTo("exited");
        assertThat(driver.exited(launched)).isPresent();
    }

    @Test
    void destroyRemovesThePodAndShutdownRemovesEveryPodOfThisRuntime() {
        Launched first = driver.launch(KEY, spec(1, false, "a"), "inst00000001");
        driver.launch(KEY, spec(1, false, "a"), "inst00000002");

        driver.destroy(first.containerId());
        assertThat(pods()).hasSize(1);

        driver.destroy();
        assertThat(pods()).isEmpty();
    }

    @Test
    void livePodsOfAnEarlierRunAreAdoptedBySameSpecLaunchesAfterARestart() {
        Launched before = driver.launch(KEY, spec(1, false, "a"), "inst00000001");
        driver.launch(KEY, spec(1, false, "a"), "inst00000002");
        kubelet.end(driver.launch(KEY, spec(1, false, "a"), "inst00000003").containerId(), "Error", 1);

        KubernetesDriver restarted = started(Map.of());
        Launched adopted = restarted.launch(KEY, spec(1, false, "a"), "newinstance1");
        Launched otherSpec = restarted.launch(KEY, spec(1, false, "b"), "newinstance2");

        assertThat(pods()).hasSize(3);
        assertThat(List.of(before.containerId(), "tp-runtime-0-shop-inst00000002")).contains(adopted.containerId());
        assertThat(adopted.baseUri()).isEqualTo(before.baseUri());
        assertThat(pod(adopted.containerId()).getMetadata().getLabels()).containsEntry("themepress.instance", "newinstance1");
        assertThat(otherSpec.containerId()).isEqualTo("tp-runtime-0-shop-newinstance2");
        assertThat(pod("tp-runtime-0-shop-inst00000003")).as("an ended leftover is removed at start").isNull();
    }

    @Test
    void aLeftoverToldAnotherHostApiAddressIsNotAdoptedButReplaced() {
        Launched before = driver.launch(KEY, spec(1, false, "a"), "inst00000001");

        KubernetesDriver moved = started(Map.of("host-api-address", "10.9.9.9"));
        Launched launched = moved.launch(KEY, spec(1, false, "a"), "newinstance1");

        assertThat(launched.containerId()).isEqualTo("tp-runtime-0-shop-newinstance1");
        assertThat(pod(before.containerId())).isNull();
        assertThat(pod(launched.containerId()).getMetadata().getAnnotations())
                .containsEntry("themepress.host-api", "http://10.9.9.9:7777");
    }

    @Test
    void leftoversNoLaunchAdoptsWithinTheGraceAreRemoved() {
        driver.launch(KEY, spec(1, false, "a"), "inst00000001");

        KubernetesDriver restarted = started(Map.of("adoption-grace", "0s"));
        assertThat(pods()).hasSize(1);
        restarted.removeUnadopted();

        assertThat(pods()).isEmpty();
    }
}
