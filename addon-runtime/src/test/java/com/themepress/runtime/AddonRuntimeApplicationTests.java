package com.themepress.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service starts and answers the probes and the scrape that ops rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.defaults.metrics.export.enabled=true",
                // its own id: at start a runtime removes every container labelled with its id
                "themepress.runtime.sandbox.runtime-id=probe-tests"})
class AddonRuntimeApplicationTests {

    @LocalServerPort
    int port;

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
}
