package com.themepress.gateway.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

import com.sun.net.httpserver.Headers;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.Gate;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

/**
 * The widget edge against a real HTTP server standing in for the renderer: what it forwards, what
 * it relays, and what it answers itself when the renderer is slow or gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.defaults.metrics.export.enabled=true", "management.server.port=0", "themepress.widget-edge.response-timeout=700ms"})
class WidgetEdgeTests {

    /** What the stand-in renderer saw: request line and headers, keyed by the path it was asked for. */
    static final Map<String, Headers> SEEN = new ConcurrentHashMap<>();
    static final List<String> LINES = new CopyOnWriteArrayList<>();
    /** Holds the renderer's answers to {@code .../slow} past the edge's response timeout, until the test saw the 504. */
    static final Gate SLOW = Gate.closed();
    static final HttpFake RENDERER = HttpFake.start().route("/", WidgetEdgeTests::render);
    static final int DEAD_PORT = FreePorts.next();

    static Reply render(Request request) {
        String path = request.path();
        SEEN.put(path, request.headers());
        LINES.add(request.method() + " " + request.uri());
        if (path.endsWith("/slow")) {
            SLOW.pass();
        }
        Reply answer;
        if (path.endsWith("/gone")) {
            answer = Reply.status(404);
        } else if (path.endsWith("/personal")) {
            // a user-scoped widget's render, as the renderer marks it
            return Reply.json(200, "{\"html\":\"<p>for " + request.header("X-User-Id") + "</p>\"}")
                    .with("Cache-Control", "private, no-cache").with("Vary", "Accept, Accept-Language, X-User-Id");
        } else if ("\"tag-j\"".equals(request.header("If-None-Match"))) {
            answer = Reply.status(304);
        } else {
            answer = Reply.json(200, "{\"html\":\"<p>" + path + "</p>\"}");
        }
        answer = answer.with("ETag", "\"tag-j\"").with("X-Widget-Cache", "L1").with("Cache-Control", "no-cache, public");
        // the renderer's Tomcat does this every max-keep-alive-requests
        return path.endsWith("/closing") ? answer.with("Connection", "close") : answer;
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.widget-renderer", () -> RENDERER.url());
        // the catalogue and everything else: a service that is not running, so a 503 shows the table's route answered
        registry.add("themepress.services.addon-server", () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @AfterAll
    static void stopRenderer() {
        SLOW.open();
        RENDERER.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwardsTheRequestLineAndEndToEndHeadersAndAddsForwardedOnes() throws Exception {
        HttpResponse<String> response = get("/api/widgets/shop/forward?config=%7B%22a%22%3A1%7D&site=s1",
                "Accept", "text/html", "Accept-Language", "de", "X-User-Id", "u-1", "X-Forwarded-For", "203.0.113.9");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LINES).contains("GET /api/widgets/shop/forward?config=%7B%22a%22%3A1%7D&site=s1");
        Headers seen = SEEN.get("/api/widgets/shop/forward");
        assertThat(seen.get("Accept")).containsExactly("text/html");
        assertThat(seen.getFirst("Accept-Language")).isEqualTo("de");
        assertThat(seen.getFirst("X-User-Id")).isEqualTo("u-1");
        assertThat(seen.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.getFirst("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(seen.get("User-Agent")).as("the caller's agent, not the proxy client's as well").hasSize(1);
    }

    /** Issue 23 item 11: the edge keeps nothing, so a per-user render reaches only the user it was made for. */
    @Test
    void aPerUserRenderIsNeverServedByTheEdgeToAnotherUser() throws Exception {
        long before = LINES.stream().filter(line -> line.contains("/personal")).count();

        HttpResponse<String> alice = get("/api/widgets/shop/personal", "X-User-Id", "alice");
        HttpResponse<String> bob = get("/api/widgets/shop/personal", "X-User-Id", "bob");
        HttpResponse<String> aliceAgain = get("/api/widgets/shop/personal", "X-User-Id", "alice");

        assertThat(alice.body()).contains("for alice");
        assertThat(bob.body()).contains("for bob").doesNotContain("alice");
        assertThat(aliceAgain.body()).isEqualTo(alice.body());
        assertThat(LINES.stream().filter(line -> line.contains("/personal")).count()).as("each request reached the renderer")
                .isEqualTo(before + 3);
        assertThat(bob.headers().firstValue("Cache-Control")).as("downstream caches told to keep it private")
                .hasValue("private, no-cache");
        assertThat(bob.headers().firstValue("Vary")).hasValue("Accept, Accept-Language, X-User-Id");
    }

    @Test
    void relaysStatusHeadersAndBodyAndA304WithoutOne() throws Exception {
        HttpResponse<String> response = get("/api/widgets/shop/relay");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"html\":\"<p>/api/widgets/shop/relay</p>\"}");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"tag-j\"");
        assertThat(response.headers().firstValue("X-Widget-Cache")).hasValue("L1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(response.body().length()));

        HttpResponse<String> notModified = get("/api/widgets/shop/relay", "If-None-Match", "\"tag-j\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue("\"tag-j\"");

        assertThat(get("/api/widgets/shop/gone").statusCode()).as("the renderer's own answer, not the gateway's").isEqualTo(404);
    }

    @Test
    void keepsServingWhenTheRendererClosesConnections() throws Exception {
        for (int i = 0; i < 20; i++) {
            String path = (i % 2 == 0 ? "/api/widgets/shop/closing" : "/api/widgets/shop/kept") + "?n=" + i;
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).contains(path.substring(0, path.indexOf('?')));
            assertThat(response.headers().firstValue("Connection")).as("a connection header is the hop's own").isEmpty();
        }
    }

    @Test
    void aRendererSlowerThanTheResponseTimeoutIs504Problem() throws Exception {
        HttpResponse<String> response = get("/api/widgets/shop/slow");
        SLOW.open();

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://themepress.dev/problems/upstream-timeout")
                .contains("\"instance\":\"/api/widgets/shop/slow\"");
    }

    @Test
    void onlyWidgetGetsTakeTheEdgeTheRestKeepsTheRouteTable() throws Exception {
        // the catalogue goes to the addon-server route (not running here: the table's 503 answers)
        HttpResponse<String> catalogue = get("/api/widgets?category=form");
        assertThat(catalogue.statusCode()).isEqualTo(503);
        assertThat(LINES).noneMatch(line -> line.contains("category=form"));

        // other methods on a widget address still reach the renderer, through the route table
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/widgets/shop/head"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(LINES).contains("HEAD /api/widgets/shop/head");
    }

    @Test
    void countsWhatItAnsweredByStatusClass() throws Exception {
        get("/api/widgets/shop/counted");
        get("/api/widgets/shop/gone");

        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(count(scrape, "2xx")).isGreaterThanOrEqualTo(1);
        assertThat(count(scrape, "4xx")).isGreaterThanOrEqualTo(1);
    }

    static double count(String scrape, String statusClass) {
        return scrape.lines().filter(line -> line.startsWith("gateway_widget_requests_seconds_count{") && line.contains("status=\"" + statusClass + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aRequestTargetWithCharactersThatMustBeEncodedIs400ProblemAndNeverReachesTheRenderer() throws Exception {
        int before = LINES.size();
        String answer;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/widgets/shop/card?x=a|b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("https://themepress.dev/problems/invalid-request").contains("\"instance\":\"/api/widgets/shop/card\"");
        assertThat(LINES).hasSize(before);
        assertThat(WidgetEdge.isValidTarget("/api/widgets/shop/card?config=%7B%7D&site=a.b-c_d~")).isTrue();
        assertThat(WidgetEdge.isValidTarget("/api/widgets/shop/card?x={}")).isFalse();
        assertThat(WidgetEdge.isValidTarget("/api/widgets/shop/card?x=a b")).isFalse();
    }

    @Test
    void recognisesExactlyTheWidgetAddress() {
        assertThat(WidgetEdge.isWidgetPath("/api/widgets/shop/card")).isTrue();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets/shop/card?config=%7B%7D")).isTrue();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets?category=form")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets/shop")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets/shop/")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets//card")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgets/shop/card/extra")).isFalse();
        assertThat(WidgetEdge.isWidgetPath("/api/widgetsx/shop/card")).isFalse();
    }

    @Test
    void aClientsServiceKeyIsNotPassedOnWhenTheGatewayHasNone() throws Exception {
        HttpResponse<String> response = get("/api/widgets/shop/forged-key", "X-Service-Key", "forged-by-a-client-0000");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("/api/widgets/shop/forged-key").get("X-Service-Key")).isNull();
    }
}
