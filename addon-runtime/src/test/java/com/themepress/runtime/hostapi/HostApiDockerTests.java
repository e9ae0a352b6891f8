package com.themepress.runtime.hostapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.runtime.support.RequiresImage;
import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.runtime.support.TestImages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 against the real engine: a container finds the host API in {@code THEMEPRESS_HOST_API}
 * (the sandbox network's gateway address), reaches it with its call's token, and the runtime relays
 * the request to the addon-server (here a stand-in that records what arrives). A token replayed after
 * its call, and another addon's token used while its call still runs, are refused before anything is
 * relayed; the runtime's own API is not behind the host API's port.
 */
@RequiresImage
class HostApiDockerTests {

    static final String KEY = "host-api-docker-tests-key";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final InvocationTokens TOKENS = new TokenKey(KEY).tokens(Optional.empty()).orElseThrow();

    record Relayed(String method, String path, String token) {
    }

    static final List<Relayed> relayed = new CopyOnWriteArrayList<>();
    static final CountDownLatch release = new CountDownLatch(1);
    static HttpServer addonServer;
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        addonServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        addonServer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        addonServer.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            relayed.add(new Relayed(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst(InvocationToken.HEADER)));
            if (path.contains("hold")) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = ("{\"relayedTo\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        addonServer.start();
        runtime = RuntimeHarness.start("hostapi", Map.of("themepress.host-api.token-key", KEY,
                "themepress.runtime.host-api.addon-server", "http://127.0.0.1:" + addonServer.getAddress().getPort(),
                "themepress.runtime.host-api.grace", "0s"));
        for (String name : new String[] {"host-a", "host-b"}) {
            HttpResponse<String> put = runtime.put(name, "1.0.0", "{\"image\":\"" + TestImages.HOSTILE + "\",\"resources\":{\"memoryMb\":128,"
                    + "\"cpus\":0.5,\"timeoutMs\":20000,\"minInstances\":1,\"maxInstances\":1,\"concurrency\":4},\"networkOutbound\":false,\"config\":{}}");
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        }
    }

    @AfterAll
    static void stop() {
        release.countDown();
        if (runtime != null) {
            runtime.close();
        }
        if (addonServer != null) {
            addonServer.stop(0);
        }
    }

    @Test
    void aContainerReachesTheHostApiFromItsEnvironmentWithItsCallsTokenBoundToTheSite() throws Exception {
        HttpResponse<String> answer = hostCall("host-a", "shop-a", "{\"path\":\"/v1/storage/notes/n-1\"}");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asInt()).as(answer.body()).isEqualTo(200);
        assertThat(body.path("hostApi").asString()).startsWith("http://").doesNotContain("127.0.0.1");
        assertThat(JSON.readTree(body.path("body").asString()).path("relayedTo").asString()).isEqualTo("/internal/host/storage/notes/n-1");
        String own = body.path("ownToken").asString();
        assertThat(relayed).extracting(Relayed::token).contains(own);
        InvocationToken token = TOKENS.verify(own, System.currentTimeMillis()).orElseThrow();
        assertThat(token.addon()).isEqualTo("host-a");
        assertThat(token.site()).isEqualTo("shop-a");
        assertThat(token.instance()).isEqualTo(answer.headers().firstValue("X-Instance-Id").orElseThrow());
        assertThat(runtime.get("/actuator/prometheus").body()).containsPattern(
                "host_api_requests_total\\{[^}]*addon_id=\"host-a\"[^}]*outcome=\"success\"");
    }

    @Test
    void aTokenReplayedAfterItsCallIsRefusedAndNotRelayed() throws Exception {
        hostCall("host-a", "shop-a", "{\"path\":\"/v1/site\"}");
        int before = relayed.size();
        JsonNode replay = JSON.readTree(hostCall("host-a", "shop-a", "{\"path\":\"/v1/site\",\"token\":\"last\"}").body());
        assertThat(replay.path("status").asInt()).isEqualTo(401);
        assertThat(relayed).hasSize(before);
    }

    @Test
    void anotherAddonsTokenIsRefusedEvenWhileItsCallRuns() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(() -> {
            try {
                return hostCall("host-a", "shop-a", "{\"path\":\"/v1/storage/hold/x\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> relayed.stream().anyMatch(r -> r.path().contains("hold")));
        String running = relayed.stream().filter(r -> r.path().contains("hold")).findFirst().orElseThrow().token();
        JsonNode borrowed = JSON.readTree(hostCall("host-b", "shop-a",
                "{\"path\":\"/v1/storage/notes/n-1\",\"token\":\"" + running + "\"}").body());
        assertThat(borrowed.path("status").asInt()).as("host-a's token from host-b's container").isEqualTo(401);
        assertThat(relayed).filteredOn(r -> r.token() != null && r.token().equals(running)).hasSize(1);
        release.countDown();
        assertThat(JSON.readTree(holding.get(30, TimeUnit.SECONDS).body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void nothingButTheHostApiIsBehindItsPort() throws Exception {
        JsonNode runtimeApi = JSON.readTree(hostCall("host-a", "shop-a", "{\"path\":\"/runtime/deployments\"}").body());
        assertThat(runtimeApi.path("status").asInt()).isEqualTo(404);
        JsonNode escape = JSON.readTree(hostCall("host-a", "shop-a", "{\"path\":\"/v1/../../actuator/prometheus\"}").body());
        assertThat(escape.path("status").asInt()).isIn(400, 404);
    }

    static HttpResponse<String> hostCall(String addon, String site, String data) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.base() + "/runtime/deployments/" + addon
                + "/1.0.0/execute/host-call")).header("Content-Type", "application/json").header("X-Themepress-Site", site)
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }
}
