package com.themepress.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * The services behind the gateway trust the service key; a client must not be able to present one. What
 * reaches them is the gateway's own key, whatever the client sent, on the route table's routes and on the
 * widget edge alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "themepress.service-key=" + ServiceKeyForwardingTests.KEY)
class ServiceKeyForwardingTests {

    static final String KEY = "gateway-test-service-key";
    static final String FORGED = "forged-by-a-client-0000";
    /** The X-Service-Key values each upstream saw, by request path. */
    static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    static final HttpFake ADDON_SERVER = recording();
    static final HttpFake RENDERER = recording();

    static HttpFake recording() {
        return HttpFake.start().route("/", request -> {
            List<String> keys = request.headers().get("X-Service-Key");
            SEEN.put(request.path(), keys == null ? List.of() : List.copyOf(keys));
            return Reply.json(200, "{}");
        });
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", ADDON_SERVER::url);
        registry.add("themepress.services.widget-renderer", RENDERER::url);
    }

    @AfterAll
    static void stopUpstreams() {
        ADDON_SERVER.close();
        RENDERER.close();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    int get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aClientsForgedKeyIsReplacedByTheGatewaysOnTheRouteTable() throws Exception {
        assertThat(get("/api/addons/forged", "X-Service-Key", FORGED)).isEqualTo(200);
        assertThat(get("/api/widgets", "X-Service-Key", FORGED, "X-Service-Key", "another-forged-value")).isEqualTo(200);

        assertThat(SEEN.get("/api/addons/forged")).containsExactly(KEY);
        assertThat(SEEN.get("/api/widgets")).containsExactly(KEY);
    }

    @Test
    void aClientsForgedKeyIsReplacedByTheGatewaysOnTheWidgetEdge() throws Exception {
        assertThat(get("/api/widgets/shop/forged", "X-Service-Key", FORGED)).isEqualTo(200);
        assertThat(get("/api/widgets/shop/forged-twice", "x-service-key", FORGED, "X-SERVICE-KEY", FORGED)).isEqualTo(200);

        assertThat(SEEN.get("/api/widgets/shop/forged")).containsExactly(KEY);
        assertThat(SEEN.get("/api/widgets/shop/forged-twice")).containsExactly(KEY);
    }

    @Test
    void aClientWithoutAKeyIsForwardedWithTheGatewaysOwn() throws Exception {
        assertThat(get("/api/addons/plain")).isEqualTo(200);
        assertThat(get("/api/widgets/shop/plain")).isEqualTo(200);

        assertThat(SEEN.get("/api/addons/plain")).containsExactly(KEY);
        assertThat(SEEN.get("/api/widgets/shop/plain")).containsExactly(KEY);
    }

    /** Sends {@code target} as it is (HTTP clients resolve dot segments before sending) and returns the status line. */
    String rawGet(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/addons/../../internal/widgets/shop/card", "/api/addons/%2e%2e/%2e%2e/actuator/prometheus",
            "/api/events/..;/..;/internal/widgets/shop/card", "/api/widgets/..;/..", "/api/widgets/%2e%2e/internal"})
    void aPathThatWouldLeadBehindTheRoutesIsRefusedAndForwardedNowhere(String target) throws Exception {
        assertThat(rawGet(target)).startsWith("HTTP/1.1 400");
        // the gateway's own poll for the CORS origins is the one internal path it asks, and no client's request
        assertThat(SEEN.keySet()).filteredOn(path -> !path.equals("/internal/sites/origins"))
                .noneMatch(path -> path.contains("internal") || path.contains("actuator") || path.contains(".."));
    }
}
