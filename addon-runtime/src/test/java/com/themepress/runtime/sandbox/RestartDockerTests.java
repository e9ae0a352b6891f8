package com.themepress.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.themepress.runtime.AddonRuntimeApplication;
import com.themepress.runtime.support.RequiresImage;
import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.runtime.support.TestDocker;
import com.themepress.runtime.support.TestImages;
import com.themepress.testsupport.FreePorts;

/** No container outlives its runtime: not after a graceful stop, and not after a SIGKILL and restart. */
@RequiresImage
class RestartDockerTests {

    static final String DEPLOYMENT = "{\"image\":\"" + TestImages.HOSTILE + "\",\"resources\":{\"memoryMb\":128,"
            + "\"cpus\":0.5,\"timeoutMs\":5000,\"minInstances\":2,\"maxInstances\":2,\"concurrency\":4}}";

    @Test
    void gracefulShutdownRemovesEveryContainer() {
        try (RuntimeHarness runtime = RuntimeHarness.start("graceful", Map.of())) {
            assertThat(runtime.put("survivor", "1.0.0", DEPLOYMENT).statusCode()).isEqualTo(201);
            assertThat(TestDocker.containersOf(runtime.runtimeId)).hasSize(2);
            runtime.stopGracefully();
            assertThat(TestDocker.containersOf(runtime.runtimeId)).isEmpty();
        }
    }

    @Test
    void runtimeKilledWithSigkillLeavesNoOrphanAfterItRestarts() throws Exception {
        String runtimeId = RuntimeHarness.newRuntimeId("killed");
        RuntimeHarness restarted = RuntimeHarness.withId(runtimeId, Map.of());
        Process process = null;
        Path log = Files.createTempFile("runtime-" + runtimeId, ".log");
        try {
            int port = FreePorts.next();
            process = startRuntimeProcess(runtimeId, port, log.toFile());
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/runtime/deployments/orphan/1.0.0"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(DEPLOYMENT)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

            process.destroyForcibly().waitFor();
            assertThat(TestDocker.containersOf(runtimeId)).as("SIGKILL leaves the containers behind").hasSize(2);

            restarted.startAgain();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestDocker.containersOf(runtimeId).isEmpty());
            assertThat(restarted.get("/runtime/deployments").body()).contains("\"deployments\":[]");
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            restarted.close();
            Files.deleteIfExists(log);
        }
    }

    /** A runtime in its own JVM, so that it can be killed without a chance to clean up. */
    static Process startRuntimeProcess(String runtimeId, int port, File log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                AddonRuntimeApplication.class.getName()));
        RuntimeHarness.properties(runtimeId).forEach((key, value) ->
                command.add("--" + key + "=" + ("server.port".equals(key) ? Integer.toString(port) : value)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
