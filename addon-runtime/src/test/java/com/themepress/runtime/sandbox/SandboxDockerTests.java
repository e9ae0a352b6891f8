package com.themepress.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.themepress.model.problem.ProblemType;
import com.themepress.runtime.support.RequiresImage;
import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.runtime.support.TestDocker;
import com.themepress.runtime.support.TestImages;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox against the real engine and the hostile test addon: the container is made as
 * specified, and each attack the addon attempts is contained without hurting the runtime or
 * other addons.
 */
@RequiresImage
class SandboxDockerTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long MIB = 1024 * 1024;
    /** Long enough that a container inspected right after its deployment is still boosted on a slow machine. */
    static final Duration BOOST = Duration.ofSeconds(6);
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeHarness.start("sandbox", Map.of("themepress.runtime.pool.health-interval", "1s",
                "themepress.runtime.sandbox.startup-boost", BOOST.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static JsonNode deploy(String name, int memoryMb, int timeoutMs, boolean outbound, String config) {
        HttpResponse<String> put = runtime.put(name, "1.0.0", "{\"image\":\"" + TestImages.HOSTILE + "\",\"resources\":{"
                + "\"memoryMb\":" + memoryMb + ",\"cpus\":0.5,\"timeoutMs\":" + timeoutMs
                + ",\"minInstances\":1,\"maxInstances\":1,\"concurrency\":4},\"networkOutbound\":" + outbound
                + ",\"config\":" + config + "}");
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        return JSON.readTree(put.body());
    }

    static JsonNode deployment(String name) {
        return JSON.readTree(runtime.get("/runtime/deployments/" + name + "/1.0.0").body());
    }

    static String containerOf(JsonNode deployment) {
        return deployment.get("instances").get(0).get("containerId").asString();
    }

    static String instanceOf(JsonNode deployment) {
        return deployment.get("instances").get(0).get("id").asString();
    }

    static JsonNode call(String name, String action, String body) {
        HttpResponse<String> answer = runtime.execute(name, "1.0.0", action, body);
        assertThat(answer.statusCode()).as(action + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static String ipOn(String containerId, String network) {
        return TestDocker.inspect(containerId).getNetworkSettings().getNetworks().get(network).getIpAddress();
    }

    static boolean containerGone(String containerId) {
        try {
            TestDocker.inspect(containerId);
            return false;
        } catch (NotFoundException gone) {
            return true;
        }
    }

    @Test
    void startsWithOneCpuThenIsPutBackToItsManifestsShare() {
        long deployed = System.nanoTime();
        String container = containerOf(deploy("boosted", 128, 5000, false, "{}"));

        long boosted = TestDocker.inspect(container).getHostConfig().getNanoCPUs();
        assertThat(Duration.ofNanos(System.nanoTime() - deployed)).as("inspected within the boost").isLessThan(BOOST);
        assertThat(boosted).as("while it starts").isEqualTo(1_000_000_000L);
        await().atMost(BOOST.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestDocker.inspect(container).getHostConfig().getNanoCPUs() == 500_000_000L);
        assertThat(Duration.ofNanos(System.nanoTime() - deployed)).as("not before the boost ended").isGreaterThanOrEqualTo(BOOST.minusSeconds(1));
        assertThat(call("boosted", "echo", "{\"still\":\"answering\"}").toString()).contains("answering");
    }

    @Test
    void instanceContainerIsConfinedAsSpecified() {
        JsonNode deployment = deploy("confined", 128, 5000, false, "{\"greeting\":\"hi\"}");
        InspectContainerResponse container = TestDocker.inspect(containerOf(deployment));
        HostConfig host = container.getHostConfig();

        assertThat(host.getMemory()).isEqualTo(128 * MIB);
        assertThat(host.getMemorySwap()).as("swap equal to memory: no swap").isEqualTo(128 * MIB);
        assertThat(host.getPidsLimit()).isEqualTo(128L);
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getTmpFs()).containsKey("/tmp");
        assertThat(host.getTmpFs().get("/tmp")).contains("noexec").contains("nosuid").contains("size=16777216");
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        assertThat(host.getSecurityOpts()).contains("no-new-privileges");
        assertThat(host.getPrivileged()).isFalse();
        assertThat(container.getConfig().getUser()).isEqualTo("1001:1001");

        String instance = instanceOf(deployment);
        assertThat(container.getConfig().getEnv()).contains("ADDON_NAME=confined", "ADDON_VERSION=1.0.0",
                "INSTANCE_ID=" + instance, "ADDON_CONFIG={\"greeting\":\"hi\"}");
        assertThat(container.getConfig().getLabels()).containsEntry(Labels.RUNTIME, runtime.runtimeId)
                .containsEntry(Labels.ADDON, "confined").containsEntry(Labels.VERSION, "1.0.0")
                .containsEntry(Labels.INSTANCE, instance)
                .containsEntry(Labels.SPEC, deployment.get("specHash").asString());

        assertThat(container.getNetworkSettings().getNetworks()).containsOnlyKeys(runtime.internalNetwork);
        Network network = TestDocker.client().inspectNetworkCmd().withNetworkId(runtime.internalNetwork).exec();
        assertThat(network.getInternal()).as("no route off the machine").isTrue();
        assertThat(network.getOptions()).containsEntry(SandboxNetworks.ICC, "false");

        JsonNode seenInside = call("confined", "inspect", "{}");
        assertThat(seenInside.at("/proc/Uid").asString()).startsWith("1001");
        assertThat(seenInside.at("/proc/CapEff").asString()).isEqualTo("0000000000000000");
        assertThat(seenInside.at("/proc/NoNewPrivs").asString()).isEqualTo("1");
        assertThat(seenInside.at("/cgroup/pidsMax").asString()).isEqualTo("128");
        assertThat(seenInside.at("/cgroup/memoryLimitBytes").asString()).isEqualTo(Long.toString(128 * MIB));
        assertThat(seenInside.at("/rootWritable").asBoolean()).isFalse();

        HttpResponse<String> echo = runtime.execute("confined", "1.0.0", "echo", "{\"x\":1}");
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.headers().firstValue("X-Instance-Id")).hasValue(instance);
    }

    @Test
    void writesToTheRootFilesystemFailButTmpWorks() {
        deploy("writer", 128, 5000, false, "{}");
        JsonNode result = call("writer", "write-root", "{}");
        assertThat(result.get("written").valueStream().map(JsonNode::asString)).containsExactly("/tmp/ok");
    }

    @Test
    void instanceOnTheSandboxNetworkCannotConnectOutButAGrantedOneCan() throws IOException {
        deploy("isolated", 128, 10_000, false, "{}");
        String neighbour = containerOf(deploy("neighbour", 128, 10_000, false, "{}"));
        String granted = containerOf(deploy("granted", 128, 10_000, true, "{}"));
        String grantedIp = ipOn(granted, runtime.outboundNetwork);
        String neighbourIp = ipOn(neighbour, runtime.internalNetwork);
        assertThat(TestDocker.inspect(granted).getNetworkSettings().getNetworks()).containsOnlyKeys(runtime.outboundNetwork);

        JsonNode toOtherNetwork = call("isolated", "net-out", "{\"host\":\"" + grantedIp + "\",\"port\":3000}");
        assertThat(toOtherNetwork.get("connected").asBoolean()).as(toOtherNetwork.toString()).isFalse();
        JsonNode toNeighbour = call("isolated", "net-out", "{\"host\":\"" + neighbourIp + "\",\"port\":3000}");
        assertThat(toNeighbour.get("connected").asBoolean()).as("inter-container traffic is off: " + toNeighbour).isFalse();

        // control: the same probe does connect where the network allows it
        String gateway = TestDocker.client().inspectNetworkCmd().withNetworkId(runtime.outboundNetwork).exec()
                .getIpam().getConfig().get(0).getGateway();
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(gateway), 0));
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (Socket ignored = listener.accept()) {
                    // accepted
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode control = call("granted", "net-out", "{\"host\":\"" + gateway + "\",\"port\":" + listener.getLocalPort() + "}");
            assertThat(control.get("connected").asBoolean()).as(control.toString()).isTrue();
            assertThat(accepted).succeedsWithin(Duration.ofSeconds(5));
        }
    }

    @Test
    void forkBombIsStoppedByThePidsLimitWhileEverythingElseKeepsAnswering() {
        deploy("calm", 128, 10_000, false, "{}");
        String bomb = containerOf(deploy("bomb", 256, 20_000, false, "{}"));
        CompletableFuture<HttpResponse<String>> bombing = CompletableFuture.supplyAsync(
                () -> runtime.execute("bomb", "1.0.0", "fork-bomb", "{}"));
        for (int i = 0; i < 5; i++) {
            call("calm", "echo", "{\"i\":" + i + "}");
        }
        HttpResponse<String> bombed = bombing.join();
        assertThat(bombed.statusCode()).as(bombed.body()).isIn(200, 502, 504);
        if (bombed.statusCode() == 200) {
            assertThat(JSON.readTree(bombed.body()).get("threads").asLong()).isLessThan(128);
        }
        Path pids = Path.of("/sys/fs/cgroup/pids/docker", bomb, "pids.current");
        if (Files.isReadable(pids) && !containerGone(bomb)) {
            assertThat(Long.parseLong(readQuietly(pids).trim())).isLessThanOrEqualTo(128);
        }
        assertThat(runtime.get("/actuator/health").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            call("calm", "echo", "{\"after\":" + i + "}");
        }
    }

    @Test
    void memoryHogIsOomKilledAndReplaced() {
        JsonNode before = deploy("hog", 128, 20_000, false, "{}");
        HttpResponse<String> hogged = runtime.execute("hog", "1.0.0", "memory-hog", "{}");
        assertThat(hogged.statusCode()).as(hogged.body()).isEqualTo(502);
        assertThat(JSON.readTree(hogged.body()).get("type").asString()).isEqualTo(ProblemType.UPSTREAM_FAILED.uri().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode now = deployment("hog");
            return now.get("instances").size() == 1 && !instanceOf(now).equals(instanceOf(before))
                    && "ready".equals(now.get("instances").get(0).get("state").asString());
        });
        assertThat(runtime.get("/actuator/prometheus").body())
                .contains("addon_instance_replacements_total{addon_id=\"hog\",application=\"addon-runtime\",reason=\"oom_killed\"} 1.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> containerGone(containerOf(before)));
        call("hog", "echo", "{}");
    }

    @Test
    void infiniteLoopTimesOutWith504AndTheInstanceIsRecycled() {
        JsonNode before = deploy("loop", 128, 1500, false, "{}");
        HttpResponse<String> looped = runtime.execute("loop", "1.0.0", "infinite-loop", "{}");
        assertThat(looped.statusCode()).as(looped.body()).isEqualTo(504);
        assertThat(JSON.readTree(looped.body()).get("type").asString()).isEqualTo(ProblemType.UPSTREAM_TIMEOUT.uri().toString());
        assertThat(looped.headers().firstValue("X-Instance-Id")).hasValue(instanceOf(before));

        await().atMost(Duration.ofSeconds(10)).until(() -> containerGone(containerOf(before)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode now = deployment("loop");
            return now.get("instances").size() == 1 && "ready".equals(now.get("instances").get(0).get("state").asString());
        });
        HttpResponse<String> after = runtime.execute("loop", "1.0.0", "echo", "{}");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("X-Instance-Id")).isPresent().get().isNotEqualTo(instanceOf(before));
    }

    @Test
    void crashedInstanceIsReplaced() {
        JsonNode before = deploy("crasher", 128, 5000, false, "{}");
        HttpResponse<String> crashed = runtime.execute("crasher", "1.0.0", "crash", "{}");
        assertThat(crashed.statusCode()).as(crashed.body()).isEqualTo(502);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode now = deployment("crasher");
            return now.get("instances").size() == 1 && !instanceOf(now).equals(instanceOf(before))
                    && "ready".equals(now.get("instances").get(0).get("state").asString());
        });
        assertThatThrownBy(() -> TestDocker.inspect(containerOf(before))).isInstanceOf(NotFoundException.class);
    }

    static String readQuietly(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "0";
        }
    }
}
