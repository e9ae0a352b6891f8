package com.themepress.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import com.themepress.runtime.pool.InstanceDriver;
import com.themepress.runtime.sandbox.DockerClients;
import com.themepress.runtime.sandbox.DockerSandbox;

/**
 * With {@code themepress.runtime.driver=kubernetes} the runtime starts on the pod driver and none of the Docker
 * driver's beans start (no engine is asked for anything). The client finds the mock API server through fabric8's
 * system properties, as it would find a cluster through its service account. The mock server is declared first,
 * so it stops after the context (and the driver's shutdown sweep) is gone.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"themepress.runtime.driver=kubernetes", "themepress.runtime.sandbox.runtime-id=selection-tests"})
@DirtiesContext
class DriverSelectionTests {

    private static final List<String> PROPERTIES = List.of(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY,
            Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY);

    static KubernetesMockServer server;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void pointTheClientAtTheMockServer() {
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, server.url("/"));
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "themepress");
    }

    @AfterAll
    static void forgetTheMockServer() {
        PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void thePodDriverIsTheOnlyDriverAndNoDockerBeanStarts() {
        assertThat(context.getBeansOfType(InstanceDriver.class).values()).singleElement().isInstanceOf(KubernetesDriver.class);
        assertThat(context.getBeanNamesForType(DockerSandbox.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DockerClients.class)).isEmpty();
        assertThat(context.containsBean("docker")).as("the Docker health indicator").isFalse();
        assertThat(context.getBean("kubernetes", KubernetesHealthIndicator.class).health().getStatus().getCode()).isEqualTo("UP");
    }
}
