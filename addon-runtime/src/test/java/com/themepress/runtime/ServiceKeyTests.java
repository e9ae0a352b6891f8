package com.themepress.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.themepress.runtime.invoke.LocalInstances;
import com.themepress.testsupport.ListenAddresses;

/**
 * The review's attack: anyone who reaches the host could {@code PUT /runtime/deployments/payment-gateway/1.0.0}
 * with another image and receive every payment call. The runtime listens on loopback unless told
 * otherwise, lets in only requests with the service key when one is configured, and refuses to start on
 * a network address without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.runtime.sandbox.runtime-id=service-key-tests",
        "themepress.runtime.sandbox.internal-network=service-key-tests-sandbox",
        "themepress.runtime.sandbox.outbound-network=service-key-tests-outbound",
        "themepress.runtime.pool.health-interval=1h",
        "themepress.service-key=" + ServiceKeyTests.KEY})
class ServiceKeyTests {

    static final String KEY = "runtime-test-service-key";
    static final String DEPLOYMENT = "{\"image\":\"fake/addon:1\",\"resources\":{\"memoryMb\":64,\"cpus\":0.5,\"timeoutMs\":2000,"
            + "\"minInstances\":1,\"maxInstances\":1,\"concurrency\":4},\"config\":{}}";

    @TestConfiguration
    static class Instances {
        @Bean
        @Primary
        LocalInstances localInstances() {
            return new LocalInstances();
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://themepress.dev/problems/unauthenticated");
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(ListenAddresses.of(port)).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void aDeploymentWithoutTheKeyIsRefusedAndDeploysNothing() throws Exception {
        // the review's attack: another image under payment-gateway's name, to receive its calls
        assertUnauthenticated(send("PUT", "/runtime/deployments/payment-gateway/1.0.0", DEPLOYMENT));
        assertUnauthenticated(send("PUT", "/runtime/deployments/payment-gateway/1.0.0", DEPLOYMENT, "X-Service-Key", "forged-by-a-client-0000"));
        assertThat(send("GET", "/runtime/deployments/payment-gateway/1.0.0", null, "X-Service-Key", KEY).statusCode()).as("nothing deployed")
                .isEqualTo(404);

        HttpResponse<String> deployed = send("PUT", "/runtime/deployments/payment-gateway/1.0.0", DEPLOYMENT, "X-Service-Key", KEY);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
    }

    @Test
    void callsIntoADeploymentWantTheKey() throws Exception {
        assertThat(send("PUT", "/runtime/deployments/called/1.0.0", DEPLOYMENT, "X-Service-Key", KEY).statusCode()).isEqualTo(201);

        assertUnauthenticated(send("POST", "/runtime/deployments/called/1.0.0/execute/echo", "{}"));
        assertUnauthenticated(send("GET", "/runtime/deployments", null));
        assertUnauthenticated(send("DELETE", "/runtime/deployments/called/1.0.0", null));
        HttpResponse<String> called = send("POST", "/runtime/deployments/called/1.0.0/execute/echo", "{\"a\":1}", "X-Service-Key", KEY);
        assertThat(called.statusCode()).isEqualTo(200);
        assertThat(called.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void theProbesNeedNoKeyTheScrapeDoes() throws Exception {
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertUnauthenticated(send("GET", "/actuator/prometheus", null));
        assertThat(send("GET", "/actuator/prometheus", null, "X-Service-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAKeyItDoesNotStartOnANetworkAddress() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AddonRuntimeApplication.class)
                .run("--server.port=0", "--server.address=0.0.0.0", "--spring.main.banner-mode=off",
                        "--themepress.runtime.sandbox.runtime-id=service-key-refused").close())
                .rootCause().hasMessageContaining("without a service key").hasMessageContaining("THEMEPRESS_SERVICE_KEY");
    }
}
