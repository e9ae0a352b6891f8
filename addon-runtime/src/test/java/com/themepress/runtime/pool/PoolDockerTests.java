package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.runtime.support.RequiresImage;
import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.runtime.support.TestDocker;
import com.themepress.runtime.support.TestImages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pools of real containers: round-robin, healing under load, removal, cold start and reaping. */
@RequiresImage
class PoolDockerTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeHarness.start("pool", Map.of(
                "themepress.runtime.pool.health-interval", "1s",
                "themepress.runtime.pool.idle-timeout", "2s",
                "themepress.runtime.pool.reap-interval", "250ms"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static JsonNode deploy(String name, int min, int max, int concurrency) {
        HttpResponse<String> put = runtime.put(name, "1.0.0", "{\"image\":\"" + TestImages.HOSTILE + "\",\"resources\":{"
                + "\"memoryMb\":128,\"cpus\":0.5,\"timeoutMs\":10000,\"minInstances\":" + min + ",\"maxInstances\":" + max
                + ",\"concurrency\":" + concurrency + "}}");
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        return JSON.readTree(put.body());
    }

    static List<JsonNode> instances(String name) {
        return JSON.readTree(runtime.get("/runtime/deployments/" + name + "/1.0.0").body()).get("instances")
                .valueStream().toList();
    }

    static long ready(String name) {
        return instances(name).stream().filter(i -> "ready".equals(i.get("state").asString())).count();
    }

    static String instanceHeader(HttpResponse<String> response) {
        return response.headers().firstValue("X-Instance-Id").orElse("?");
    }

    @Test
    void consecutiveCallsAlternateBetweenTwoInstances() {
        deploy("alternating", 2, 2, 4);
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = runtime.execute("alternating", "1.0.0", "echo", "{\"i\":" + i + "}");
            assertThat(answer.statusCode()).isEqualTo(200);
            served.add(instanceHeader(answer));
        }
        assertThat(served.stream().distinct()).hasSize(2);
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i)).as("call %d", i).isNotEqualTo(served.get(i - 1));
        }
    }

    record Outcome(int status, String instance) {
    }

    @Test
    void killingAContainerUnderLoadLosesOnlyCallsItWasServingAndThePoolHeals() {
        int concurrency = 4;
        List<JsonNode> before = deploy("loaded", 2, 2, concurrency).get("instances").valueStream().toList();
        String victim = before.get(0).get("id").asString();
        String victimContainer = before.get(0).get("containerId").asString();

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            callers.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    HttpResponse<String> answer = runtime.execute("loaded", "1.0.0", "sleep", "{\"ms\":40}");
                    outcomes.add(new Outcome(answer.statusCode(), instanceHeader(answer)));
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.stream().filter(o -> o.instance().equals(victim)).count() >= 5);
        TestDocker.client().killContainerCmd(victimContainer).exec();

        await().atMost(Duration.ofSeconds(30)).until(() -> ready("loaded") == 2
                && instances("loaded").stream().noneMatch(i -> i.get("id").asString().equals(victim)));
        int afterHealing = outcomes.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= afterHealing + 20);
        running.set(false);
        callers.forEach(CompletableFuture::join);

        List<Outcome> failed = outcomes.stream().filter(o -> o.status() != 200).toList();
        assertThat(failed).as("only calls in flight on the killed instance may fail")
                .allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(502);
                    assertThat(o.instance()).isEqualTo(victim);
                })
                .hasSizeLessThanOrEqualTo(concurrency);
        assertThat(outcomes.stream().filter(o -> o.status() == 200)).hasSizeGreaterThan(40);
        assertThat(runtime.get("/actuator/prometheus").body())
                .contains("addon_instance_replacements_total{addon_id=\"loaded\",application=\"addon-runtime\",reason=\"exited\"} 1.0");
    }

    @Test
    void deleteRemovesEveryContainerOfTheDeployment() {
        List<String> containers = deploy("deleted", 2, 2, 4).get("instances").valueStream()
                .map(i -> i.get("containerId").asString()).toList();
        assertThat(runtime.delete("/runtime/deployments/deleted/1.0.0").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDocker.containersOf(runtime.runtimeId).stream()
                .noneMatch(c -> containers.contains(c.getId())));
    }

    @Test
    void coldStartServesTheFirstCallAndIdleInstancesAreReapedDownToZero() {
        JsonNode put = deploy("sleepy", 0, 2, 4);
        assertThat(put.get("instances")).isEmpty();

        HttpResponse<String> first = runtime.execute("sleepy", "1.0.0", "echo", "{}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String container = instances("sleepy").get(0).get("containerId").asString();
        assertThat(runtime.get("/actuator/prometheus").body())
                .contains("addon_cold_starts_total{addon_id=\"sleepy\",application=\"addon-runtime\"} 1.0");

        await().atMost(Duration.ofSeconds(15)).until(() -> instances("sleepy").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDocker.containersOf(runtime.runtimeId).stream()
                .noneMatch(c -> c.getId().equals(container)));
        assertThat(runtime.get("/actuator/prometheus").body())
                .contains("addon_instance_reaps_total{addon_id=\"sleepy\",application=\"addon-runtime\"} 1.0");
    }

    @Test
    void minInstancesAreKeptWarmAndNeverReaped() {
        List<String> warm = deploy("warm", 1, 2, 4).get("instances").valueStream().map(i -> i.get("id").asString()).toList();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> ready("warm") == 1);
        assertThat(instances("warm").get(0).get("id").asString()).isEqualTo(warm.get(0));
    }
}
