package com.themepress.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.problem.ProblemType;
import com.themepress.runtime.invoke.LocalInstances;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;
import com.themepress.testsupport.wasm.WasmTestModules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WASM tier through the runtime's HTTP API, as the addon-server and the renderer call it: a
 * module deployment answers execute, render and event calls like a container; every hostile module
 * is stopped by its limit with the container tier's problem type, and the runtime goes on serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.runtime.sandbox.runtime-id=wasm-tests",
        "themepress.runtime.sandbox.internal-network=wasm-tests-sandbox",
        "themepress.runtime.sandbox.outbound-network=wasm-tests-outbound",
        "themepress.runtime.pool.queue-timeout=300ms",
        "themepress.host-api.token-key=wasm-tests-token-key-0123456789",
        "management.defaults.metrics.export.enabled=true"})
class WasmRuntimeTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpFake ADDON_SERVER = HttpFake.start();
    static final List<Request> HOST_REQUESTS = new CopyOnWriteArrayList<>();

    static {
        ADDON_SERVER.route("/internal/host/", request -> {
            HOST_REQUESTS.add(request);
            return Reply.json(200, "{\"collection\":\"notes\",\"id\":\"n1\",\"version\":3,\"data\":{\"text\":\"hi\"}}");
        });
    }

    @DynamicPropertySource
    static void addonServer(DynamicPropertyRegistry registry) {
        registry.add("themepress.runtime.host-api.addon-server", ADDON_SERVER::url);
        registry.add("themepress.runtime.wasm.module-source", ADDON_SERVER::url);
    }

    @AfterAll
    static void stop() {
        ADDON_SERVER.close();
    }

    @TestConfiguration
    static class NoEngine {
        @Bean
        @Primary
        LocalInstances localInstances() {
            return new LocalInstances();
        }
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ModuleStore modules;

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> deploy(String name, byte[] module, int memoryMb, int timeoutMs) throws Exception {
        modules.preload(module);
        return send("PUT", "/runtime/deployments/" + name + "/1.0.0", "{\"module\":\"" + ModuleStore.sha256(module)
                + "\",\"resources\":{\"memoryMb\":" + memoryMb + ",\"timeoutMs\":" + timeoutMs + ",\"maxInstances\":2,"
                + "\"concurrency\":1},\"config\":{\"greeting\":\"hi\"}}");
    }

    HttpResponse<String> execute(String name, String body) throws Exception {
        return send("POST", "/runtime/deployments/" + name + "/1.0.0/execute/go", body);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo(type.uri().toString());
        assertThat(response.headers().firstValue("X-Instance-Id")).isPresent();
    }

    @Test
    void aModuleDeploymentAnswersExecuteRenderAndEventsLikeAContainer() throws Exception {
        HttpResponse<String> created = deploy("echoer", WasmTestModules.echo(), 16, 2000);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("module").asString()).hasSize(64);
        assertThat(deploy("echoer", WasmTestModules.echo(), 16, 2000).statusCode()).isEqualTo(200);

        HttpResponse<String> executed = execute("echoer", "{\"n\":1}");
        assertThat(executed.statusCode()).as(executed.body()).isEqualTo(200);
        assertThat(executed.headers().firstValue("X-Instance-Id")).isPresent();
        assertThat(json(executed).get("n").asInt()).isEqualTo(1);
        HttpResponse<String> rendered = send("POST", "/runtime/deployments/echoer/1.0.0/render/card", "{\"props\":{}}");
        assertThat(rendered.statusCode()).as(rendered.body()).isEqualTo(200);
        HttpResponse<String> delivered = send("POST", "/runtime/deployments/echoer/1.0.0/events", "{\"type\":\"a.b\"}");
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

        assertThat(json(send("GET", "/runtime/deployments", null)).get("deployments").valueStream()
                .map(d -> d.get("name").asString())).contains("echoer");
        assertThat(send("DELETE", "/runtime/deployments/echoer/1.0.0", null).statusCode()).isEqualTo(204);
        assertProblemWithoutInstance(execute("echoer", "{}"));
    }

    private static void assertProblemWithoutInstance(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Instance-Id")).isEmpty();
    }

    @Test
    void theModuleStatusAndBodyPassThrough() throws Exception {
        deploy("teapot", WasmTestModules.answering("{\"status\":422,\"body\":{\"title\":\"no\"}}"), 16, 2000);
        HttpResponse<String> answered = execute("teapot", "{}");
        assertThat(answered.statusCode()).isEqualTo(422);
        assertThat(json(answered).get("title").asString()).isEqualTo("no");

        deploy("crasher", WasmTestModules.answering("{\"status\":500}"), 16, 2000);
        assertProblem(execute("crasher", "{}"), 502, ProblemType.UPSTREAM_FAILED);
        deploy("garbler", WasmTestModules.answering("not json"), 16, 2000);
        assertProblem(execute("garbler", "{}"), 502, ProblemType.UPSTREAM_FAILED);
    }

    @Test
    void anEndlessLoopIsInterruptedAt504AndTheDeploymentServesAgain() throws Exception {
        deploy("looper", WasmTestModules.looping(), 16, 300);
        assertProblem(execute("looper", "{}"), 504, ProblemType.UPSTREAM_TIMEOUT);
        assertThat(send("POST", "/runtime/deployments/looper/1.0.0/render/card", "{}").statusCode()).isEqualTo(200);
        assertProblem(execute("looper", "{}"), 504, ProblemType.UPSTREAM_TIMEOUT);
        assertThat(send("POST", "/runtime/deployments/looper/1.0.0/render/card", "{}").statusCode()).isEqualTo(200);
        assertRuntimeHealthy();
    }

    @Test
    void aCallBeyondTheBulkheadWaitsAtMostTheQueueTimeoutThen503() throws Exception {
        byte[] module = WasmTestModules.looping();
        modules.preload(module);
        send("PUT", "/runtime/deployments/single/1.0.0", "{\"module\":\"" + ModuleStore.sha256(module)
                + "\",\"resources\":{\"memoryMb\":16,\"timeoutMs\":3000,\"maxInstances\":1,\"concurrency\":1}}");
        CompletableFuture<HttpResponse<String>> stuck = CompletableFuture.supplyAsync(() -> {
            try {
                return execute("single", "{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> json(send("GET", "/runtime/deployments/single/1.0.0", null))
                .get("instances").valueStream().anyMatch(i -> i.get("inFlight").asInt() == 1));

        HttpResponse<String> refused = execute("single", "{}");

        assertProblem(refused, 503, ProblemType.UNAVAILABLE);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertProblem(stuck.get(10, TimeUnit.SECONDS), 504, ProblemType.UPSTREAM_TIMEOUT);
    }

    @Test
    void unboundedMemoryGrowthStopsAtMemoryMbWith502() throws Exception {
        deploy("hog", WasmTestModules.memoryHog(), 16, 5000);
        HttpResponse<String> hogged = execute("hog", "{}");
        assertProblem(hogged, 502, ProblemType.UPSTREAM_FAILED);
        assertThat(json(hogged).get("detail").asString()).contains("16 MB");
        assertThat(send("POST", "/runtime/deployments/hog/1.0.0/render/card", "{}").statusCode()).isEqualTo(200);
        assertRuntimeHealthy();
    }

    @Test
    void deepRecursionExhaustsTheStackWith502() throws Exception {
        deploy("diver", WasmTestModules.recursing(), 16, 5000);
        HttpResponse<String> dived = execute("diver", "{}");
        assertProblem(dived, 502, ProblemType.UPSTREAM_FAILED);
        assertThat(json(dived).get("detail").asString()).contains("call stack");
        assertThat(send("POST", "/runtime/deployments/diver/1.0.0/render/card", "{}").statusCode()).isEqualTo(200);
        assertRuntimeHealthy();
    }

    @Test
    void anAnswerOverTheLimitIsNotReadAnd502() throws Exception {
        deploy("flooder", WasmTestModules.hugeAnswer(3 * 1024 * 1024), 16, 5000);
        HttpResponse<String> flooded = execute("flooder", "{}");
        assertProblem(flooded, 502, ProblemType.UPSTREAM_FAILED);
        assertThat(json(flooded).get("detail").asString()).contains("max-answer");
        assertRuntimeHealthy();
    }

    @Test
    void aModuleOutsideTheContractIsRefusedAndAnUnhealthyOneFails() throws Exception {
        HttpResponse<String> missing = deploy("partial", WasmTestModules.withoutEventHandler(), 16, 2000);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(missing.body()).contains("handle_event");
        HttpResponse<String> wasi = deploy("wasi", WasmTestModules.importing("wasi_snapshot_preview1", "fd_write"), 16, 2000);
        assertThat(wasi.statusCode()).as(wasi.body()).isEqualTo(400);
        assertProblemNoHeader(deploy("sick", WasmTestModules.unhealthy(), 16, 2000), 502);
    }

    private static void assertProblemNoHeader(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    @Test
    void hostFunctionsReachTheAddonServerWithTheCallsTokenAndSite() throws Exception {
        deploy("reader", WasmTestModules.hostCaller("storage_get", "{\"collection\":\"notes\",\"id\":\"n1\"}"), 16, 2000);
        HttpResponse<String> read = send("POST", "/runtime/deployments/reader/1.0.0/execute/go", "{}", "site-a");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).get("data").get("text").asString()).isEqualTo("hi");
        Request relayed = HOST_REQUESTS.get(HOST_REQUESTS.size() - 1);
        assertThat(relayed.method()).isEqualTo("GET");
        assertThat(relayed.path()).isEqualTo("/internal/host/storage/notes/n1");
        assertThat(relayed.header("X-Themepress-Token")).isNotBlank();

        deploy("sneaky", WasmTestModules.hostCaller("storage_get", "{\"collection\":\"../x\",\"id\":\"n1\"}"), 16, 2000);
        HttpResponse<String> refused = execute("sneaky", "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    }

    HttpResponse<String> send(String method, String path, String body, String site) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Themepress-Site", site).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callsAreCountedInTheSameMetricsAsContainers() throws Exception {
        deploy("metered", WasmTestModules.echo(), 16, 2000);
        execute("metered", "{}");
        String scrape = send("GET", "/actuator/prometheus", null).body();
        assertThat(scrape).contains("addon_executions_total{addon_id=\"metered\",application=\"addon-runtime\",function_name=\"go\","
                + "status=\"success\"} 1.0");
    }

    private void assertRuntimeHealthy() throws Exception {
        assertThat(send("GET", "/actuator/health", null).body()).contains("\"UP\"");
        deploy("bystander", WasmTestModules.echo(), 16, 2000);
        assertThat(execute("bystander", "{\"still\":true}").statusCode()).isEqualTo(200);
    }
}
