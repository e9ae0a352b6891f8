package com.themepress.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * A service that is down costs callers a fast 503 problem, and after a few of them its breaker answers
 * at once without trying; a service that answers, even with 5xx, keeps its breaker closed; a route waits
 * for its service no longer than its own timeout (the widget route's is 400 ms here; HEAD, because the
 * widget edge, off here, would take a GET).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.gateway.circuit-breaker.window=10", "themepress.gateway.circuit-breaker.minimum-calls=5",
        "themepress.gateway.circuit-breaker.open-for=30s", "themepress.gateway.timeouts.widgets=400",
        "themepress.widget-edge.enabled=false"})
class CircuitBreakerTests {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    /** The renderer: answers 502 to one path (as for a broken addon), holds another back past the route's timeout. */
    static final HttpFake RENDERER = HttpFake.start()
            .route("/api/widgets/broken/", request -> Reply.problem(502, "{\"status\":502}"))
            .route("/api/widgets/slow/", request -> {
                RELEASE.await(10, TimeUnit.SECONDS);
                return Reply.json(200, "{}");
            });

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", () -> "http://127.0.0.1:" + FreePorts.next());
        registry.add("themepress.services.widget-renderer", RENDERER::url);
    }

    @AfterAll
    static void stopUpstreams() {
        RELEASE.countDown();
        RENDERER.close();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void opensOnAServiceThatIsDownAndThenAnswersAtOnceWithRetryAfter() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < 8; i++) {
            long started = System.nanoTime();
            answers.add(send("GET", "/api/addons"));
            slowest = Math.max(slowest, System.nanoTime() - started);
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(answers.get(0).body()).contains("is not reachable");
        HttpResponse<String> open = answers.get(answers.size() - 1);
        assertThat(open.body()).contains("holds requests to it").contains("\"requestId\":");
        assertThat(open.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void keepsTheBreakerClosedForAServiceThatAnswersWith5xx() throws Exception {
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = send("HEAD", "/api/widgets/broken/card");
            assertThat(answer.statusCode()).as("call %d", i).isEqualTo(502);
        }
    }

    @Test
    void endsACallAtItsRoutesTimeoutWith504() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = send("HEAD", "/api/widgets/slow/card");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
}
