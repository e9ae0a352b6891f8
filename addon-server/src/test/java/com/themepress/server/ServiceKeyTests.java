package com.themepress.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.ListenAddresses;

import tools.jackson.databind.json.JsonMapper;

/**
 * The addon-server is an internal service: it listens on loopback unless told otherwise, lets in only
 * requests with the service key when one is configured (the renderer's resolutions and the gateway's
 * forwarded calls carry it), and refuses to start on a network address without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.service-key=" + ServiceKeyTests.KEY)
class ServiceKeyTests {

    static final String KEY = "addon-server-test-service-key";
    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

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
        assertThat(response.body()).contains("https://themepress.dev/problems/unauthenticated").contains("X-Service-Key");
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(ListenAddresses.of(port)).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void theInternalWidgetApiWantsTheKey() throws Exception {
        String developer = JsonMapper.builder().build().readTree(send("POST", "/api/keys", "{\"developer\":\"keyed\"}",
                "X-API-Key", ApiClient.ADMIN_KEY, "X-Service-Key", KEY).body()).path("key").asString();
        assertThat(send("POST", "/api/addons/register", Manifests.full("keyed-shop", "1.0.0", "{}"), "X-API-Key", developer,
                "X-Service-Key", KEY).statusCode()).isEqualTo(201);

        assertUnauthenticated(send("GET", "/internal/widgets/keyed-shop/product-card", null));
        assertUnauthenticated(send("GET", "/internal/widgets/keyed-shop/product-card", null, "X-Service-Key", "forged-by-a-client-0000"));
        HttpResponse<String> resolved = send("GET", "/internal/widgets/keyed-shop/product-card", null, "X-Service-Key", KEY);
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.body()).contains("\"version\":\"1.0.0\"");
    }

    @Test
    void thePublicApiReachedDirectlyWantsItToo() throws Exception {
        // clients reach it through the gateway, which sends the key; nobody else should reach it at all
        assertUnauthenticated(send("GET", "/api/addons", null));
        assertUnauthenticated(send("POST", "/api/keys", "{\"developer\":\"sneaky\"}", "X-API-Key", ApiClient.ADMIN_KEY));
        assertThat(send("GET", "/api/addons", null, "X-Service-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void theProbesNeedNoKeyTheScrapeDoes() throws Exception {
        // the whole health is 503 when no Redis runs here, but it answers
        assertThat(send("GET", "/actuator/health", null).statusCode()).isIn(200, 503);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertUnauthenticated(send("GET", "/actuator/prometheus", null));
        assertThat(send("GET", "/actuator/prometheus", null, "X-Service-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAKeyItDoesNotStartOnANetworkAddress() throws Exception {
        Path data = EmbeddedServerTest.newDataDir();
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(AddonServerApplication.class)
                    .run("--server.port=0", "--server.address=0.0.0.0", "--spring.main.banner-mode=off",
                            "--themepress.storage.data-dir=" + data).close())
                    .rootCause().hasMessageContaining("without a service key").hasMessageContaining("THEMEPRESS_SERVICE_KEY");
        } finally {
            EmbeddedServerTest.delete(data);
        }
    }
}
