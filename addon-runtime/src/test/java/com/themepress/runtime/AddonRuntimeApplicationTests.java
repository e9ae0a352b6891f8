package com.themepress.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import io.fabric8.kubernetes.client.KubernetesClient;

import com.themepress.runtime.kubernetes.KubernetesDriver;
import com.themepress.runtime.pool.InstanceDriver;
import com.themepress.runtime.sandbox.DockerSandbox;

/** The service starts and answers the probes and the scrape that ops rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.defaults.metrics.export.enabled=true",
                // its own id: at start a runtime removes every container labelled with its id
                "themepress.runtime.sandbox.runtime-id=probe-tests"})
class AddonRuntimeApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void answersHealthProbesAndPrometheusScrape() throws Exception {
        assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/prometheus")).contains("jvm_memory_used_bytes").contains("application=\"addon-runtime\"");
    }

    @Test
    void runsOnTheDockerDriverUnlessTheKubernetesOneIsChosen() {
        assertThat(context.getBeansOfType(InstanceDriver.class).values()).singleElement().isInstanceOf(DockerSandbox.class);
        assertThat(context.getBeanNamesForType(KubernetesDriver.class)).isEmpty();
        assertThat(context.getBeanNamesForType(KubernetesClient.class)).isEmpty();
    }
}
