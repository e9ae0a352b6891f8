package com.themepress.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * The gateway's route table as configured in application.yml (not redefined by the test): a real
 * HTTP server stands in for the addon-server and records what reaches it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.defaults.metrics.export.enabled=true", "management.server.port=0"})
class GatewayRoutingTests {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    /** The X-Service-Key values each upstream saw, by request path. */
    static final Map<String, List<String>> SERVICE_KEYS = new ConcurrentHashMap<>();
    static final HttpFake UPSTREAM = startUpstream("addon-server");
    static final HttpFake RENDERER = startUpstream("widget-renderer");

    static HttpFake startUpstream(String name) {
        return HttpFake.start().route("/", request -> {
            List<String> keys = request.headers().get("X-Service-Key");
            SERVICE_KEYS.put(request.path(), keys == null ? List.of() : List.copyOf(keys));
            RECEIVED.add((name.equals("addon-server") ? "" : name + ": ") + request.method() + " " + request.uri() + " " + request.text()
                    + " key=" + request.header("X-API-Key"));
            return Reply.json(201, "{\"ok\":true}");
        });
    }

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", () -> UPSTREAM.url());
        registry.add("themepress.services.widget-renderer", () -> RENDERER.url());
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
        RENDERER.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void forwardsRegistryCallsWithPathQueryBodyAndKey() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/addons/register?dry=1"))
                .header("Content-Type", "application/json").header("X-API-Key", "tpk_abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(RECEIVED).contains("POST /api/addons/register?dry=1 {\"name\":\"a\"} key=tpk_abc");
    }

    @Test
    void forwardsBrowsingAndKeyCalls() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/addons?category=analytics")).GET()).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(uri("/api/keys")).POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(201);
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("GET /api/addons?category=analytics"));
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("POST /api/keys"));
    }

    @Test
    void forwardsTheEventApiToTheAddonServer() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/events")).header("X-API-Key", "tpadmin_x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"a.b\"}"))).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(uri("/api/events/dead-letters?size=5")).GET()).statusCode()).isEqualTo(201);
        assertThat(RECEIVED).contains("POST /api/events {\"type\":\"a.b\"} key=tpadmin_x");
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("GET /api/events/dead-letters?size=5"));
    }

    @Test
    void forwardsTheSiteApiToTheAddonServer() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/sites")).header("X-API-Key", "tpadmin_x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"demo\"}"))).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(uri("/api/sites/demo/addons")).header("X-API-Key", "sk_demo_x").GET()).statusCode())
                .isEqualTo(201);
        assertThat(RECEIVED).contains("POST /api/sites {\"id\":\"demo\"} key=tpadmin_x");
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("GET /api/sites/demo/addons ") && r.endsWith("key=sk_demo_x"));
    }

    @Test
    void sendsRenderedWidgetsToTheRendererAndTheCatalogueToTheAddonServer() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/widgets/shop/cart?config=%7B%7D")).GET()).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(uri("/api/widgets?category=form")).GET()).statusCode()).isEqualTo(201);
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("widget-renderer: GET /api/widgets/shop/cart?config=%7B%7D"));
        assertThat(RECEIVED).anyMatch(r -> r.startsWith("GET /api/widgets?category=form"));
    }

    @Test
    void answersUnroutedPathsWithA404Problem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/nothing-here")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("https://themepress.dev/problems/not-found");
    }

    @Test
    void servesItsOwnHealthAndPrometheusOnTheManagementPort() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).GET()).body()).contains("\"UP\"");
        send(HttpRequest.newBuilder(uri("/api/addons")).GET());
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).GET());
        assertThat(scrape.statusCode()).isEqualTo(200);
        // per-route metrics stay; per-request observations are off (application.yml says why)
        assertThat(scrape.body()).contains("spring_cloud_gateway_requests_seconds_count{").contains("routeId=\"addon-server\"")
                .doesNotContain("http_server_requests_seconds_count{");
    }

    @Test
    void aClientsServiceKeyIsNotPassedOnWhenTheGatewayHasNone() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/api/addons/forged-key")).header("X-Service-Key", "forged-by-a-client-0000")
                .GET()).statusCode()).isEqualTo(201);

        assertThat(SERVICE_KEYS.get("/api/addons/forged-key")).isEmpty();
    }
}
