package com.themepress.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.runtime.support.RequiresImage;
import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.runtime.support.TestImages;

import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 23 items 7 and 8 against real containers of the hostile test addon. The runtime gets few
 * servlet threads (12) so that the attack of the issue (slow calls to one addon taking every
 * runtime thread while another addon's calls hang) fits a test: one deployment's slow calls beyond
 * its share are refused at once and the other deployment still answers promptly. An addon that
 * answers without end is cut off at {@code forward.max-answer}; the caller's budget caps the wait.
 */
@RequiresImage
class CallBoundsDockerTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int SHARE = 4;
    static final int QUEUE = 2;
    static RuntimeHarness runtime;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        runtime = RuntimeHarness.start("bounds", Map.of(
                "server.tomcat.threads.max", "12",
                "themepress.runtime.pool.queue-timeout", "20s",
                "themepress.runtime.pool.max-queue", Integer.toString(QUEUE),
                "themepress.runtime.pool.max-calls-per-deployment", Integer.toString(SHARE),
                "themepress.runtime.forward.max-answer", "1MB"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static void deploy(String name, int concurrency) {
        HttpResponse<String> put = runtime.put(name, "1.0.0", "{\"image\":\"" + TestImages.HOSTILE + "\",\"resources\":{"
                + "\"memoryMb\":128,\"cpus\":0.5,\"timeoutMs\":30000,\"minInstances\":1,\"maxInstances\":1,\"concurrency\":"
                + concurrency + "}}");
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    }

    HttpResponse<String> execute(String name, String action, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.base() + "/runtime/deployments/" + name
                + "/1.0.0/execute/" + action)).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long done(List<CompletableFuture<HttpResponse<String>>> calls) {
        return calls.stream().filter(CompletableFuture::isDone).count();
    }

    static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void slowCallsBeyondOneAddonsShareAreRefusedAndAnotherAddonStillAnswersPromptly() throws Exception {
        deploy("hog", 16);
        deploy("bystander", 4);
        int attackers = 20;
        ExecutorService threads = Executors.newFixedThreadPool(attackers);
        try {
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < attackers; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> execute("hog", "sleep", "{\"ms\":4000}"), threads));
            }
            // the refusals come at once, long before any admitted sleep ends
            await().atMost(Duration.ofSeconds(3)).until(() -> done(slow) == attackers - SHARE - QUEUE);
            List<HttpResponse<String>> refused = slow.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join)
                    .toList();
            for (HttpResponse<String> answer : refused) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            }

            long bystanderStarted = System.nanoTime();
            HttpResponse<String> bystander = execute("bystander", "echo", "{\"still\":\"here\"}");
            assertThat(bystander.statusCode()).as(bystander.body()).isEqualTo(200);
            assertThat(since(bystanderStarted)).as("the other addon answers while the hog's calls sleep")
                    .isLessThan(Duration.ofSeconds(2));

            long admitted = slow.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
            assertThat(admitted).isEqualTo(SHARE + QUEUE);
            assertThat(runtime.get("/actuator/prometheus").body())
                    .contains("addon_calls_rejected_total{addon_id=\"hog\",application=\"addon-runtime\",reason=\"queue_full\"} "
                            + (attackers - SHARE - QUEUE) + ".0");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheLimitAndTheInstanceKeepsServing() {
        deploy("flooder", 4);
        long started = System.nanoTime();

        HttpResponse<String> answer = execute("flooder", "flood", "{}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asString())
                .contains("more than the limit of 1048576 bytes (themepress.runtime.forward.max-answer)");
        assertThat(since(started)).as("cut off, not waited out until the 30 s timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(execute("flooder", "echo", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void theCallersBudgetEndsTheWaitForASlowAddonWith504() {
        deploy("dawdler", 4);
        long started = System.nanoTime();

        HttpResponse<String> answer = execute("dawdler", "sleep", "{\"ms\":10000}", "X-Call-Budget-Ms", "500");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
        assertThat(since(started)).isLessThan(Duration.ofSeconds(5));
        assertThat(execute("dawdler", "echo", "{}").statusCode()).isEqualTo(200);
    }
}
