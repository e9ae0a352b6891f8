package com.themepress.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * CORS at the gateway against stand-in services: the sites' origins (read from the addon-server) and
 * the console's are let in, on the route table and at the widget edge; preflights never leave the
 * gateway; any other origin is 403 problem+json and reaches no service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.cors.console-origins=https://console.example", "themepress.rate-limit.enabled=false"})
class CorsTests {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[\"https://shop.example\",\"http://localhost:3000\"]}"))
            .route("/", request -> {
                SEEN.add(request.method() + " " + request.path());
                return Reply.json(200, "{\"ok\":true}").with("Vary", "Accept");
            });
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", SERVICES::url);
        registry.add("themepress.services.widget-renderer", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    AllowedOrigins origins;

    @BeforeEach
    void sitesRead() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> origins.allows("https://shop.example"));
        SEEN.clear();
    }

    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPreflightFromASiteOriginIsAnsweredAtTheGatewayWithoutCredentials() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/api/addons/shop/execute", "Origin", "https://shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type, x-api-key");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("x-api-key");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(SEEN).isEmpty();
    }

    @Test
    void aPreflightFromAnotherOriginIs403() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/api/addons/shop/execute", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(SEEN).isEmpty();
    }

    @Test
    void theRouteTableAnswersAllowedOriginsAndRefusesOthersBeforeTheService() throws Exception {
        HttpResponse<String> site = send("POST", "/api/addons/shop/execute", "Origin", "http://localhost:3000");
        HttpResponse<String> console = send("GET", "/api/addons", "Origin", "https://console.example");
        HttpResponse<String> other = send("POST", "/api/addons/shop/execute", "Origin", "https://evil.example");

        assertThat(site.statusCode()).isEqualTo(200);
        assertThat(site.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(site.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-RateLimit-Remaining");
        assertThat(console.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://console.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(other.body()).contains("https://themepress.dev/problems/forbidden").contains("\"pointer\":\"/headers/Origin\"");
        assertThat(SEEN).containsExactly("POST /api/addons/shop/execute", "GET /api/addons");
    }

    @Test
    void theWidgetEdgeAppliesTheSamePolicy() throws Exception {
        HttpResponse<String> site = send("GET", "/api/widgets/shop/card?key=pk_shop_1", "Origin", "https://shop.example");
        HttpResponse<String> other = send("GET", "/api/widgets/shop/card?key=pk_shop_1", "Origin", "https://evil.example");
        HttpResponse<String> noOrigin = send("GET", "/api/widgets/shop/card");

        assertThat(site.statusCode()).isEqualTo(200);
        assertThat(site.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(site.headers().allValues("Vary")).contains("Origin", "Accept");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.body()).contains("\"pointer\":\"/headers/Origin\"");
        assertThat(noOrigin.statusCode()).as("a server-side fetch sends no Origin").isEqualTo(200);
        assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("GET", "/api/widgets/shop/card", "Origin", "http://127.0.0.1:" + port).statusCode())
                .as("a page the gateway serves itself").isEqualTo(200);
        assertThat(SEEN).containsExactly("GET /api/widgets/shop/card", "GET /api/widgets/shop/card", "GET /api/widgets/shop/card");
    }
}
