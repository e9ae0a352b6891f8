package com.themepress.gateway.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * A valid request id sent in is sent on and comes back; a missing or unfit one is replaced by the
 * gateway's own; the gateway's problems carry it, on the route table and at the widget edge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.rate-limit.enabled=false")
class RequestIdTests {

    /** The X-Request-Id each path reached the service with. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[]}"))
            .route("/", request -> {
                SEEN.put(request.path(), String.valueOf(request.header("X-Request-Id")));
                return Reply.json(200, "{}").with("X-Request-Id", String.valueOf(request.header("X-Request-Id")));
            });
    static final int DEAD = FreePorts.next();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", SERVICES::url);
        registry.add("themepress.services.widget-renderer", () -> "http://127.0.0.1:" + DEAD);
        registry.add("themepress.widget-edge.enabled", () -> "true");
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

    @Test
    void aValidIdIsSentOnAndComesBackOnce() throws Exception {
        HttpResponse<String> response = get("/api/addons/kept", "X-Request-Id", "trace-1234.abc:Z_9");

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("trace-1234.abc:Z_9");
        assertThat(SEEN.get("/api/addons/kept")).isEqualTo("trace-1234.abc:Z_9");
    }

    @Test
    void aMissingOrUnfitIdIsReplacedByTheGatewaysOwn() throws Exception {
        HttpResponse<String> none = get("/api/addons/none");
        HttpResponse<String> unfit = get("/api/addons/unfit", "X-Request-Id", "a b<script>");
        HttpResponse<String> tooLong = get("/api/addons/long", "X-Request-Id", "x".repeat(129));

        assertThat(none.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(SEEN.get("/api/addons/none")).isEqualTo(none.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(unfit.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
        assertThat(SEEN.get("/api/addons/unfit")).isEqualTo(unfit.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(tooLong.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(32));
        assertThat(none.headers().firstValue("X-Request-Id")).isNotEqualTo(unfit.headers().firstValue("X-Request-Id"));
    }

    @Test
    void theGatewaysProblemsCarryTheId() throws Exception {
        HttpResponse<String> noRoute = get("/nowhere", "X-Request-Id", "problem-route");
        HttpResponse<String> edge = get("/api/widgets/shop/card", "X-Request-Id", "problem-edge");
        HttpResponse<String> generated = get("/api/widgets/shop/card");

        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).contains("\"requestId\":\"problem-route\"");
        assertThat(noRoute.headers().firstValue("X-Request-Id")).hasValue("problem-route");
        assertThat(edge.statusCode()).as("renderer down").isEqualTo(503);
        assertThat(edge.body()).contains("\"requestId\":\"problem-edge\"");
        assertThat(edge.headers().allValues("X-Request-Id")).containsExactly("problem-edge");
        String id = generated.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated.body()).contains("\"requestId\":\"" + id + "\"");
    }
}
