package com.themepress.runtime.kubernetes;

import static com.themepress.runtime.kubernetes.KubernetesTestSetup.KEY;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.NAMESPACE;
import static com.themepress.runtime.kubernetes.KubernetesTestSetup.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

import com.themepress.runtime.pool.InstancePool;
import com.themepress.runtime.pool.InstanceView;
import com.themepress.runtime.pool.Lease;
import com.themepress.runtime.pool.PoolListener;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.pool.PoolRegistry;
import com.themepress.runtime.time.Ticker;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/** The pool on pods works as on containers: replacement of a pod that ends, idle reaping, removal. */
@EnableKubernetesMockClient(crud = true, https = false)
@Timeout(60)
class KubernetesPoolTests {

    KubernetesClient client;
    HttpFake addon;
    FakeKubelet kubelet;
    KubernetesDriver driver;
    PoolRegistry registry;

    @BeforeEach
    void start() {
        addon = HttpFake.start().route("/health", request -> Reply.status(200));
        kubelet = new FakeKubelet(client, NAMESPACE);
        driver = KubernetesTestSetup.driver(client, addon.port(), Map.of());
        driver.afterPropertiesSet();
        registry = new PoolRegistry(driver, PoolProperties.with(Map.of("idle-timeout", "0s", "start-timeout", "10s",
                "crash-loop-window", "0s")), Ticker.system(), new PoolListener() { });
    }

    @AfterEach
    void stop() {
        registry.stop();
        driver.destroy();
        kubelet.close();
        addon.close();
    }

    List<String> podNames() {
        return client.pods().inNamespace(NAMESPACE).list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
    }

    InstancePool warm(int minInstances) {
        InstancePool pool = registry.put(KEY, spec(minInstances, false, "a")).pool();
        assertThat(pool.awaitWarm(Duration.ofSeconds(20))).isEmpty();
        return pool;
    }

    @Test
    void aPodWhoseContainerEndsIsReplacedByANewPod() {
        InstancePool pool = warm(1);
        String victim = pool.snapshot().get(0).containerId();

        kubelet.end(victim, "Error", 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> pool.snapshot().stream().map(InstanceView::containerId)
                .anyMatch(id -> id != null && !id.equals(victim)) && pool.awaitWarm(Duration.ZERO).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !podNames().contains(victim));
        assertThat(podNames()).hasSize(1);
    }

    @Test
    void anIdleInstanceIsReapedAndItsPodRemoved() {
        InstancePool pool = warm(0);
        try (Lease lease = pool.acquire()) {
            assertThat(lease.baseUri()).hasToString("http://127.0.0.1:" + addon.port());
        }
        assertThat(podNames()).hasSize(1);

        assertThat(pool.reap()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> podNames().isEmpty());
    }

    @Test
    void removingTheDeploymentRemovesItsPods() {
        warm(2);
        assertThat(podNames()).hasSize(2);

        registry.remove(KEY);

        await().atMost(Duration.ofSeconds(10)).until(() -> podNames().isEmpty());
        List<Pod> left = client.pods().inNamespace(NAMESPACE).list().getItems();
        assertThat(left).isEmpty();
    }
}
