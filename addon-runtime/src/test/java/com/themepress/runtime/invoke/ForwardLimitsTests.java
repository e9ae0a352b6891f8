package com.themepress.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.themepress.model.problem.ProblemType;

/**
 * What bounds a call on the HTTP path: an answer over {@code forward.max-answer} is read no
 * further (502), the caller's {@code X-Call-Budget-Ms} caps the wait (504, the instance stays), and
 * calls beyond a deployment's bulkhead and queue are refused at once (503 with Retry-After).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.runtime.sandbox.runtime-id=limits-tests",
        "themepress.runtime.sandbox.internal-network=limits-tests-sandbox",
        "themepress.runtime.sandbox.outbound-network=limits-tests-outbound",
        "themepress.runtime.pool.queue-timeout=10s",
        "themepress.runtime.pool.max-queue=1",
        "themepress.runtime.pool.health-interval=1h",
        "themepress.runtime.forward.max-answer=256KB",
        "management.defaults.metrics.export.enabled=true"})
@Import(RuntimeApiTests.Instances.class)
class ForwardLimitsTests {

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    LocalInstances instances;

    @AfterEach
    void release() {
        instances.releaseHeld();
    }

    HttpResponse<String> put(String name, int concurrency, int timeoutMs) throws Exception {
        return send(HttpRequest.newBuilder(uri("/runtime/deployments/" + name + "/1.0.0")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RuntimeApiTests.deployment(1, 1, concurrency, timeoutMs, "{}"))));
    }

    HttpResponse<String> execute(String name, String action, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/runtime/deployments/" + name + "/1.0.0/execute/" + action))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    CompletableFuture<HttpResponse<String>> executeAsync(String name, String action) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execute(name, action);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheLimitWith502NamingIt() throws Exception {
        put("flood", 4, 20_000);
        long started = System.nanoTime();

        HttpResponse<String> answer = execute("flood", "flood");

        RuntimeApiTests.assertProblem(answer, 502, ProblemType.UPSTREAM_FAILED);
        assertThat(RuntimeApiTests.json(answer).path("detail").asString())
                .contains("more than the limit of 262144 bytes (themepress.runtime.forward.max-answer)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("long before the addon's 20 s timeout")
                .isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> instances.floodsEnded() == 1);
        assertThat(instances.flooded()).as("the runtime hung up soon after the limit").isLessThan(16L * 1024 * 1024);
        assertThat(execute("flood", "echo").statusCode()).as("the instance still serves").isEqualTo(200);
    }

    @Test
    void anAnswerWhoseBodyNeverCompletesEndsAtTheAddonsTimeoutWith504() throws Exception {
        put("trickler", 4, 1_000);
        long started = System.nanoTime();

        HttpResponse<String> answer = execute("trickler", "trickle");

        RuntimeApiTests.assertProblem(answer, 504, ProblemType.UPSTREAM_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theCallersBudgetCapsTheWaitFor504AndTheInstanceStays() throws Exception {
        List<String> before = RuntimeApiTests.instanceIds(put("budget", 4, 20_000));
        long started = System.nanoTime();

        HttpResponse<String> answer = execute("budget", "hold", "X-Call-Budget-Ms", "300");

        RuntimeApiTests.assertProblem(answer, 504, ProblemType.UPSTREAM_TIMEOUT);
        assertThat(RuntimeApiTests.json(answer).path("detail").asString()).contains("caller's deadline passed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        instances.releaseHeld();
        HttpResponse<String> listing = send(HttpRequest.newBuilder(uri("/runtime/deployments/budget/1.0.0")).GET());
        assertThat(RuntimeApiTests.instanceIds(listing)).isEqualTo(before);
    }

    @Test
    void aBudgetThatIsNotANumberIs400() throws Exception {
        put("garbled", 4, 2_000);

        HttpResponse<String> answer = execute("garbled", "echo", "X-Call-Budget-Ms", "soon");

        RuntimeApiTests.assertProblem(answer, 400, ProblemType.INVALID_REQUEST);
    }

    @Test
    void callsBeyondTheBulkheadAndItsQueueAreRefusedAtOnce() throws Exception {
        put("crowded", 1, 20_000);
        CompletableFuture<HttpResponse<String>> running = executeAsync("crowded", "hold");
        await().atMost(Duration.ofSeconds(5)).until(() -> send(HttpRequest.newBuilder(uri("/runtime/deployments/crowded/1.0.0"))
                .GET()).body().contains("\"inFlight\":1"));
        CompletableFuture<HttpResponse<String>> queued = executeAsync("crowded", "echo");
        await().atMost(Duration.ofSeconds(5)).until(() -> send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET())
                .body().contains("addon_queued_calls{addon_id=\"crowded\",addon_version=\"1.0.0\",application=\"addon-runtime\"} 1.0"));
        long started = System.nanoTime();

        HttpResponse<String> refused = execute("crowded", "echo");

        RuntimeApiTests.assertProblem(refused, 503, ProblemType.UNAVAILABLE);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the 10 s queue timeout").isLessThan(Duration.ofSeconds(5));
        instances.releaseHeld();
        assertThat(running.get().statusCode()).isEqualTo(200);
        assertThat(queued.get().statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body())
                .contains("addon_calls_rejected_total{addon_id=\"crowded\",application=\"addon-runtime\",reason=\"queue_full\"} 1.0");
    }
}
