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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;

import com.themepress.model.problem.ProblemType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime's HTTP API end to end, with instances as in-process servers keeping the addon
 * contract (no engine needed): deployment PUT/GET/DELETE and validation, pass-through of the
 * addon's answers, 502/503/504 problems, retry on an unreachable instance, metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.runtime.sandbox.runtime-id=api-tests",
        "themepress.runtime.sandbox.internal-network=api-tests-sandbox",
        "themepress.runtime.sandbox.outbound-network=api-tests-outbound",
        "themepress.runtime.pool.queue-timeout=300ms",
        "themepress.runtime.pool.health-interval=1h",
        "management.defaults.metrics.export.enabled=true"})
class RuntimeApiTests {

    @TestConfiguration
    static class Instances {
        @Bean
        @Primary
        LocalInstances localInstances() {
            return new LocalInstances();
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    LocalInstances instances;

    static String deployment(int min, int max, int concurrency, int timeoutMs, String config) {
        return "{\"image\":\"fake/addon:1\",\"resources\":{\"memoryMb\":64,\"cpus\":0.5,\"timeoutMs\":" + timeoutMs
                + ",\"minInstances\":" + min + ",\"maxInstances\":" + max + ",\"concurrency\":" + concurrency
                + "},\"config\":" + config + "}";
    }

    HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String name, String body) throws Exception {
        return send("PUT", "/runtime/deployments/" + name + "/1.0.0", body, "application/json");
    }

    HttpResponse<String> execute(String name, String action, String body) throws Exception {
        return send("POST", "/runtime/deployments/" + name + "/1.0.0/execute/" + action, body, "application/json");
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static List<String> instanceIds(HttpResponse<String> deployment) {
        return json(deployment).get("instances").valueStream().map(i -> i.get("id").asString()).toList();
    }

    static List<String> instanceIds(HttpResponse<String> deployment, String state) {
        return json(deployment).get("instances").valueStream().filter(i -> state.equals(i.get("state").asString()))
                .map(i -> i.get("id").asString()).toList();
    }

    static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo(type.uri().toString());
    }

    @Test
    void putCreatesWarmInstancesAndIsIdempotent() throws Exception {
        HttpResponse<String> created = put("idem", deployment(2, 3, 4, 2000, "{}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/runtime/deployments/idem/1.0.0");
        assertThat(json(created).get("instances").valueStream().map(i -> i.get("state").asString())).containsExactly("ready", "ready");

        HttpResponse<String> again = put("idem", deployment(2, 3, 4, 2000, "{}"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(instanceIds(again)).containsExactlyInAnyOrderElementsOf(instanceIds(created));
    }

    @Test
    void changedSpecReplacesTheInstancesWithoutFailingCalls() throws Exception {
        List<String> before = instanceIds(put("rollout", deployment(2, 2, 4, 2000, "{\"v\":1}")));
        CompletableFuture<List<Integer>> during = CompletableFuture.supplyAsync(() -> {
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try {
                    statuses.add(execute("rollout", "echo", "{}").statusCode());
                } catch (Exception e) {
                    statuses.add(-1);
                }
            }
            return statuses;
        });
        HttpResponse<String> replaced = put("rollout", deployment(2, 2, 4, 2000, "{\"v\":2}"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        // An old instance still finishing a call is listed as draining until it is done.
        assertThat(instanceIds(replaced, "ready")).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(before).containsAll(instanceIds(replaced, "draining"));
        await().atMost(Duration.ofSeconds(5)).until(() -> instanceIds(send("GET", "/runtime/deployments/rollout/1.0.0", null, null)).size() == 2);
        assertThat(execute("rollout", "config", "{}").body()).isEqualTo("{\"v\":2}");
        assertThat(during.get()).containsOnly(200);
    }

    @Test
    void addonAnswersPassThroughWithStatusBodyContentTypeAndInstanceId() throws Exception {
        List<String> ids = instanceIds(put("echo", deployment(1, 1, 4, 2000, "{}")));
        HttpResponse<String> echoed = send("POST", "/runtime/deployments/echo/1.0.0/execute/echo", "héllo wörld",
                "text/plain; charset=utf-8");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo("héllo wörld");
        assertThat(MediaType.parseMediaType(echoed.headers().firstValue("Content-Type").orElseThrow()))
                .as("Tomcat normalises the spacing, the type and charset are the addon's")
                .isEqualTo(MediaType.parseMediaType("text/plain; charset=utf-8"));
        assertThat(echoed.headers().firstValue("X-Instance-Id")).hasValueSatisfying(id -> assertThat(ids).contains(id));

        HttpResponse<String> teapot = execute("echo", "status", "{\"status\":418}");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(teapot.body()).isEqualTo("{\"status\":418}");
        HttpResponse<String> unknown = execute("echo", "no-such-endpoint", "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"no such endpoint\"}");
    }

    @Test
    void renderAndEventsReachTheirContractPaths() throws Exception {
        put("widgets", deployment(1, 1, 4, 2000, "{}"));
        HttpResponse<String> render = send("POST", "/runtime/deployments/widgets/1.0.0/render/checkout",
                "{\"config\":{},\"context\":{}}", "application/json");
        assertThat(render.statusCode()).isEqualTo(200);
        assertThat(json(render).get("html").asString()).isEqualTo("<p>checkout</p>");
        HttpResponse<String> event = send("POST", "/runtime/deployments/widgets/1.0.0/events",
                "{\"id\":\"1\",\"type\":\"order.created\"}", "application/json");
        assertThat(event.statusCode()).isEqualTo(202);
    }

    @Test
    void addonServerErrorBecomes502() throws Exception {
        put("fails", deployment(1, 1, 4, 2000, "{}"));
        HttpResponse<String> failed = execute("fails", "status", "{\"status\":503}");
        assertProblem(failed, 502, ProblemType.UPSTREAM_FAILED);
        assertThat(failed.headers().firstValue("X-Instance-Id")).isPresent();
    }

    @Test
    void timeoutBecomes504AndTheStuckInstanceIsReplaced() throws Exception {
        List<String> before = instanceIds(put("slow", deployment(1, 1, 4, 300, "{}")));
        HttpResponse<String> timedOut = execute("slow", "hold", "{}");
        assertProblem(timedOut, 504, ProblemType.UPSTREAM_TIMEOUT);
        assertThat(timedOut.headers().firstValue("X-Instance-Id")).hasValue(before.get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<String> now = instanceIds(send("GET", "/runtime/deployments/slow/1.0.0", null, null));
            return now.size() == 1 && !now.contains(before.get(0));
        });
        assertThat(execute("slow", "echo", "{}").statusCode()).isEqualTo(200);
        instances.releaseHeld();
    }

    @Test
    void unknownDeploymentIs404SayingToPutIt() throws Exception {
        HttpResponse<String> missing = execute("ghost", "echo", "{}");
        assertProblem(missing, 404, ProblemType.NOT_FOUND);
        assertThat(json(missing).get("detail").asString()).contains("PUT /runtime/deployments/ghost/1.0.0");
    }

    @Test
    void callToAnInstanceThatStoppedListeningIsRetriedOnAnother() throws Exception {
        List<String> ids = instanceIds(put("retry", deployment(2, 2, 4, 2000, "{}")));
        instances.kill(ids.get(0));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = execute("retry", "echo", "{\"i\":" + i + "}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Instance-Id")).isPresent().get().isNotEqualTo(ids.get(0));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<String> now = instanceIds(send("GET", "/runtime/deployments/retry/1.0.0", null, null));
            return now.size() == 2 && !now.contains(ids.get(0));
        });
    }

    @Test
    void fullPoolQueuesBrieflyThenAnswers503WithRetryAfter() throws Exception {
        put("busy", deployment(1, 1, 1, 5000, "{}"));
        CompletableFuture<HttpResponse<String>> hog = CompletableFuture.supplyAsync(() -> {
            try {
                return execute("busy", "hold", "{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> send("GET", "/runtime/deployments/busy/1.0.0", null, null)
                .body().contains("\"inFlight\":1"));
        HttpResponse<String> refused = execute("busy", "echo", "{}");
        assertProblem(refused, 503, ProblemType.UNAVAILABLE);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        instances.releaseHeld();
        assertThat(hog.get().statusCode()).isEqualTo(200);
        assertThat(hog.get().body()).isEqualTo("{\"released\":true}");
    }

    @Test
    void deleteRemovesThePoolAndItsInstances() throws Exception {
        List<String> ids = instanceIds(put("gone", deployment(2, 2, 4, 2000, "{}")));
        assertThat(ids).hasSize(2).allMatch(instances::isRunning);
        assertThat(send("DELETE", "/runtime/deployments/gone/1.0.0", null, null).statusCode()).isEqualTo(204);
        // Other tests' pools start and stop instances meanwhile: watch this deployment's own.
        await().atMost(Duration.ofSeconds(5)).until(() -> ids.stream().noneMatch(instances::isRunning));
        assertProblem(execute("gone", "echo", "{}"), 404, ProblemType.NOT_FOUND);
        assertProblem(send("DELETE", "/runtime/deployments/gone/1.0.0", null, null), 404, ProblemType.NOT_FOUND);
    }

    @Test
    void listingShowsPoolsWithInstanceIdsAndStates() throws Exception {
        List<String> ids = instanceIds(put("listed", deployment(1, 2, 4, 2000, "{\"secret\":\"s3cr3t\"}")));
        HttpResponse<String> listing = send("GET", "/runtime/deployments", null, null);
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode all = json(listing);
        assertThat(all.get("runtimeId").asString()).isEqualTo("api-tests");
        JsonNode listed = all.get("deployments").valueStream().filter(d -> d.get("name").asString().equals("listed"))
                .findFirst().orElseThrow();
        assertThat(listed.get("instances").get(0).get("id").asString()).isEqualTo(ids.get(0));
        assertThat(listed.get("instances").get(0).get("state").asString()).isEqualTo("ready");
        assertThat(listing.body()).as("config may hold secrets").doesNotContain("s3cr3t");
    }

    @Test
    void invalidDeploymentsAre4xxProblemsNamingTheField() throws Exception {
        assertProblem(put("bad", "{\"image\":"), 400, ProblemType.MALFORMED_JSON);
        HttpResponse<String> wrongTypes = put("bad", "{\"image\":\"a/b:1\",\"resources\":{\"memoryMb\":\"x\",\"cpus\":-1}}");
        assertProblem(wrongTypes, 400, ProblemType.INVALID_REQUEST);
        assertThat(json(wrongTypes).get("errors").valueStream().map(e -> e.get("pointer").asString()))
                .containsExactlyInAnyOrder("/resources/memoryMb", "/resources/cpus");
        HttpResponse<String> absent = put("bad", "{\"image\":\"" + LocalInstances.ABSENT_IMAGE + "\"}");
        assertProblem(absent, 400, ProblemType.INVALID_REQUEST);
        assertThat(json(absent).get("errors").get(0).get("pointer").asString()).isEqualTo("/image");
        assertProblem(send("PUT", "/runtime/deployments/Bad_Name/1.0.0", "{\"image\":\"a/b:1\"}", "application/json"),
                400, ProblemType.INVALID_REQUEST);
        assertProblem(send("PUT", "/runtime/deployments/bad/1.0", "{\"image\":\"a/b:1\"}", "application/json"),
                400, ProblemType.INVALID_REQUEST);
        assertProblem(send("PUT", "/runtime/deployments/bad/1.0.0", "image=a", "text/plain"),
                415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        String huge = "{\"image\":\"a/b:1\",\"config\":{\"x\":\"" + "x".repeat(1024 * 1024) + "\"}}";
        assertProblem(put("bad", huge), 413, ProblemType.PAYLOAD_TOO_LARGE);
        assertProblem(send("GET", "/runtime/nothing-here", null, null), 404, ProblemType.NOT_FOUND);
        assertThat(send("GET", "/runtime/deployments/bad/1.0.0", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidCallsAre4xxProblems() throws Exception {
        put("calls", deployment(1, 1, 4, 2000, "{}"));
        assertProblem(execute("calls", "bad%24name", "{}"), 400, ProblemType.INVALID_REQUEST);
        byte[] huge = new byte[1024 * 1024 + 1];
        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/runtime/deployments/calls/1.0.0/execute/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(tooLarge, 413, ProblemType.PAYLOAD_TOO_LARGE);
        assertProblem(send("GET", "/runtime/deployments/calls/1.0.0/execute/echo", null, null), 405,
                ProblemType.METHOD_NOT_ALLOWED);
    }

    @Test
    void callsAreCountedAndTimedWithBoundedLabels() throws Exception {
        put("metered", deployment(1, 1, 4, 2000, "{}"));
        execute("metered", "echo", "{}");
        execute("metered", "status", "{\"status\":404}");
        execute("metered", "status", "{\"status\":500}");
        String scrape = send("GET", "/actuator/prometheus", null, null).body();
        assertThat(scrape)
                .contains("addon_executions_total{addon_id=\"metered\",application=\"addon-runtime\",function_name=\"echo\",status=\"success\"} 1.0")
                .contains("function_name=\"status\",status=\"client_error\"} 1.0")
                .contains("function_name=\"status\",status=\"error\"} 1.0")
                .contains("addon_response_time_seconds_bucket{addon_id=\"metered\",application=\"addon-runtime\",function_name=\"echo\",le=\"0.1\"} 1")
                .contains("addon_instances{addon_id=\"metered\",addon_version=\"1.0.0\",application=\"addon-runtime\",state=\"ready\"} 1.0");
    }
}
