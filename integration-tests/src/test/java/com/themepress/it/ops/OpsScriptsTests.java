package com.themepress.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.themepress.testsupport.ComponentAbsent;

/**
 * The ops deliverables of issue 19, run for real: the compose test (images, {@code docker-compose up},
 * the seed scenario through the composed gateway, the composed Prometheus) and the Prometheus test
 * against {@code ./platform.sh}. The work is in {@code scripts/ops/*.sh}, which a developer runs alone
 * too; here each must end with status 0, and its output goes into the report.
 */
class OpsScriptsTests {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path scratch;

    @Test
    void composeBuildsTheImagesBringsThePlatformUpAndServesTheSeedScenario() throws Exception {
        requireCommands("docker-compose", "docker");
        Result result = run("scripts/ops/compose-test.sh");

        assertThat(result.exitCode()).as(result.tail()).isZero();
        assertThat(result.output()).contains("compose test passed");
    }

    @Test
    void prometheusScrapesThePlatformThatPlatformShStarted() throws Exception {
        requireCommands("prometheus", "promtool", "redis-cli");
        Result result = run("scripts/ops/platform-prometheus-test.sh");

        assertThat(result.exitCode()).as(result.tail()).isZero();
        assertThat(result.output()).contains("platform Prometheus test passed");
    }

    /** The test command provisions these (scripts/lib/provision.sh); elsewhere they may truly be absent. */
    static void requireCommands(String... commands) throws Exception {
        for (String command : commands) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + command).start();
            ComponentAbsent.assume(which.waitFor() == 0, command + " is not installed (scripts/lib/provision.sh installs it)");
        }
    }

    record Result(int exitCode, String output) {
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    Result run(String script) throws IOException, InterruptedException {
        Path log = scratch.resolve("script.out");
        Process process = new ProcessBuilder("bash", REPO.resolve(script).toString()).directory(REPO.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // under JUnit's 10-minute limit, so a hang ends here with the script's output
        boolean finished = process.waitFor(9, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(finished ? process.exitValue() : -1, finished ? output : output + "\n(did not finish in 9 minutes)");
    }
}
