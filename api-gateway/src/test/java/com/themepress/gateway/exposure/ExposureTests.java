package com.themepress.gateway.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * Every answer carries {@code X-Content-Type-Options} and {@code Referrer-Policy}, HTML a CSP, HTTPS
 * requests HSTS, on the route table and at the widget edge; the public port shows the health probes and
 * nothing else of the actuator without the service key, and routes nothing but the public API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"themepress.rate-limit.enabled=false", "themepress.service-key=" + ExposureTests.SERVICE_KEY})
class ExposureTests {

    static final String SERVICE_KEY = "exposure-test-service-key";
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[]}"))
            .route("/", request -> {
                SEEN.add(request.path());
                if (request.path().endsWith("/framed")) {
                    return Reply.body(200, "text/html; charset=utf-8", "<p>framed</p>").with("Content-Security-Policy", "sandbox");
                }
                if (request.path().endsWith("/html")) {
                    return Reply.body(200, "text/html; charset=utf-8", "<p>widget</p>");
                }
                return Reply.json(200, "{}").with("Referrer-Policy", "unsafe-url");
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

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertBaseHeaders(HttpResponse<String> response) {
        assertThat(response.headers().allValues("X-Content-Type-Options")).as(response.uri().getPath()).containsExactly("nosniff");
        assertThat(response.headers().allValues("Referrer-Policy")).as(response.uri().getPath()).containsExactly("no-referrer");
    }

    @Test
    void everyAnswerCarriesNosniffAndReferrerPolicyAndOnlyHtmlACsp() throws Exception {
        HttpResponse<String> routed = get("/api/addons");
        HttpResponse<String> widgetJson = get("/api/widgets/shop/card");
        HttpResponse<String> widgetHtml = get("/api/widgets/shop/html");
        HttpResponse<String> framed = get("/api/widgets/shop/framed");
        HttpResponse<String> notFound = get("/nowhere");
        HttpResponse<String> refused = get("/api/addons/..;/x");

        for (HttpResponse<String> response : List.of(routed, widgetJson, widgetHtml, framed, notFound, refused)) {
            assertBaseHeaders(response);
        }
        assertThat(routed.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(widgetJson.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(widgetHtml.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("default-src 'none'")
                .contains("frame-ancestors 'none'");
        assertThat(framed.headers().allValues("Content-Security-Policy")).as("the renderer's own is kept").containsExactly("sandbox");
        assertThat(routed.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
    }

    @Test
    void theGatewaysOwnPageGetsTheBaseHeadersButNotTheApisCsp() throws Exception {
        HttpResponse<String> demo = get("/demo/");

        assertThat(demo.statusCode()).isEqualTo(200);
        assertBaseHeaders(demo);
        assertThat(demo.headers().firstValue("Content-Security-Policy")).as("it inserts widget scripts inline").isEmpty();
    }

    @Test
    void httpsRequestsGetHsts() throws Exception {
        HttpResponse<String> routed = get("/api/addons", "X-Forwarded-Proto", "https");
        HttpResponse<String> widget = get("/api/widgets/shop/card", "X-Forwarded-Proto", "https");

        assertThat(routed.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(widget.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
    }

    @Test
    void thePublicPortShowsOnlyTheHealthProbesWithoutTheServiceKey() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/metrics")) {
            HttpResponse<String> hidden = get(path);
            assertThat(hidden.statusCode()).as(path).isEqualTo(404);
            assertThat(hidden.body()).contains("https://themepress.dev/problems/not-found");
        }
        assertThat(get("/actuator/prometheus", "X-Service-Key", SERVICE_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "X-Service-Key", "forged-by-a-client-0000").statusCode()).isEqualTo(404);
        // Prometheus sends the key as a bearer token, which opens the metrics and nothing else
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + SERVICE_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer forged-by-a-client-0000").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/info", "Authorization", "Bearer " + SERVICE_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyThePublicApiIsRouted() throws Exception {
        SEEN.clear();
        for (String path : List.of("/internal/sites/origins", "/internal/widgets/shop/card", "/runtime/deployments", "/api")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(get("/api/sites/shop").statusCode()).as("the sites API is public").isEqualTo(200);
        assertThat(SEEN).containsExactly("/api/sites/shop");
    }
}
