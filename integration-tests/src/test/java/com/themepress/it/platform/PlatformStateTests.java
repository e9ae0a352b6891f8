package com.themepress.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.themepress.testsupport.FreePorts;

/**
 * {@code ./platform.sh start} and its secrets, run for real in a scratch copy of the scripts whose slow
 * parts are stubbed: provisioning and image builds do nothing, and a stand-in {@code java} on PATH
 * serves {@code /actuator/health} where each service would. What a local user of the same machine
 * could read is what is checked: the admin key in a start's output (terminal scrollback, CI logs) and
 * the modes of {@code .run/} and {@code .data/}.
 */
class PlatformStateTests {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("addon-server", "addon-runtime", "widget-renderer", "api-gateway");

    @TempDir
    Path root;
    /** Free ports for the services, the same for every start and stop of one test. */
    final Map<String, String> ports = new HashMap<>();
    Path fakes;
    String version;

    @BeforeEach
    void scratchCopyOfThePlatform() throws IOException {
        Files.copy(REPO.resolve("platform.sh"), root.resolve("platform.sh"));
        Files.copy(REPO.resolve("pom.xml"), root.resolve("pom.xml"));
        copyTree(REPO.resolve("scripts"), root.resolve("scripts"));
        for (String stub : List.of("scripts/lib/provision.sh", "scripts/lib/images.sh", "examples/build-images.sh")) {
            write(root.resolve(stub), "#!/usr/bin/env bash\n# stubbed by PlatformStateTests\nexit 0\n");
        }
        version = projectVersion();
        for (String module : MODULES) {
            write(root.resolve(module + "/target/" + module + "-" + version + ".jar"), "not a jar: the stand-in java serves health\n");
        }
        fakes = root.resolve("fake-bin");
        write(fakes.resolve("java"), """
                #!/usr/bin/env bash
                # Stands in for java: answers platform.sh's version probe; for "-jar <jar> --server.port=<n>"
                # serves /actuator/health there, and notes which admin key the service was given.
                set -euo pipefail
                here="$(cd "$(dirname "$0")" && pwd)"
                jar="" port=""
                for arg in "$@"; do
                  case "$arg" in
                    -version) echo '    java.specification.version = 17' >&2; exit 0 ;;
                    --server.port=*) port="${arg#*=}" ;;
                    *.jar) jar="$arg" ;;
                  esac
                done
                printf '%s' "${THEMEPRESS_KEYS_ADMIN_KEY:-}" >"$here/key-seen-by-$(basename "$jar" .jar)"
                printf '%s' "${SPRING_DATA_REDIS_PASSWORD:-}" >"$here/redis-password-seen-by-$(basename "$jar" .jar)"
                printf '%s' "$*" >"$here/args-seen-by-$(basename "$jar" .jar)"
                exec "$REAL_JAVA" "$here/HealthServer.java" "$port" "$jar"
                """);
        write(fakes.resolve("HealthServer.java"), """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;

                /** Answers UP on /actuator/health; args[1] (the jar) only puts the jar's name in the command line. */
                public class HealthServer {
                    public static void main(String[] args) throws Exception {
                        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                        server.createContext("/actuator/health", exchange -> {
                            byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """);
        Files.setPosixFilePermissions(fakes.resolve("java"), PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopWhatItStarted() throws Exception {
        platform(Map.of(), "stop");
    }

    @Test
    void theAdminKeyIsPrintedByTheStartThatMadeItAndNeverAgain() throws Exception {
        Run first = platform(Map.of(), "start", "--no-build");
        assertThat(first.exitCode()).as(first.output()).isZero();
        String key = Files.readAllLines(root.resolve(".run/admin-key")).get(0);
        assertThat(key).startsWith("tpadmin_");
        assertThat(first.output()).contains(key);
        assertThat(mode(".run/admin-key")).isEqualTo("rw-------");
        for (String dir : List.of(".run", ".run/logs", ".data", ".data/addon-server")) {
            assertThat(mode(dir)).as(dir).isEqualTo("rwx------");
        }
        assertThat(platform(Map.of(), "stop").exitCode()).isZero();

        Run second = platform(Map.of(), "start", "--no-build");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain(key).contains("kept in .run/admin-key");
        assertThat(Files.readAllLines(root.resolve(".run/admin-key")).get(0)).isEqualTo(key);
        // the key still reaches the addon-server, and only it
        assertThat(seenBy("addon-server")).isEqualTo(key);
        for (String other : MODULES.subList(1, MODULES.size())) {
            assertThat(seenBy(other)).as(other).isEmpty();
        }
    }

    @Test
    void runAndDataAreForTheOwnerOnlyAndLooseOnesAreTightened() throws Exception {
        for (String dir : List.of(".run", ".run/logs", ".data", ".data/addon-server")) {
            Files.createDirectories(root.resolve(dir));
            Files.setPosixFilePermissions(root.resolve(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        write(root.resolve(".run/admin-key"), "tpadmin_made-before\n");
        Files.setPosixFilePermissions(root.resolve(".run/admin-key"), PosixFilePermissions.fromString("rw-r--r--"));

        Run start = platform(Map.of(), "start", "--no-build");

        assertThat(start.exitCode()).as(start.output()).isZero();
        for (String dir : List.of(".run", ".run/logs", ".data", ".data/addon-server")) {
            assertThat(mode(dir)).as(dir).isEqualTo("rwx------");
        }
        assertThat(mode(".run/admin-key")).isEqualTo("rw-------");
        assertThat(start.output()).doesNotContain("tpadmin_made-before");
        assertThat(seenBy("addon-server")).isEqualTo("tpadmin_made-before");
    }

    @Test
    void aKeyFromTheEnvironmentIsNeverPrintedNorWritten() throws Exception {
        Run start = platform(Map.of("THEMEPRESS_KEYS_ADMIN_KEY", "tpadmin_from-env"), "start", "--no-build");

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).doesNotContain("tpadmin_from-env").contains("from THEMEPRESS_KEYS_ADMIN_KEY");
        assertThat(root.resolve(".run/admin-key")).doesNotExist();
        assertThat(seenBy("addon-server")).isEqualTo("tpadmin_from-env");
    }

    @Test
    void theRedisPasswordReachesEveryServiceThroughTheEnvironmentOnly() throws Exception {
        Run start = platform(Map.of("THEMEPRESS_REDIS_PASSWORD", "redis-secret-from-env"), "start", "--no-build");

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).doesNotContain("redis-secret-from-env");
        assertThat(Files.readAllLines(root.resolve(".run/redis-password")).get(0)).isEqualTo("redis-secret-from-env");
        assertThat(mode(".run/redis-password")).isEqualTo("rw-------");
        for (String module : MODULES) {
            assertThat(Files.readString(fakes.resolve("redis-password-seen-by-" + module + "-" + version))).as(module)
                    .isEqualTo("redis-secret-from-env");
            // a command line is readable by every local user (ps): the password must not be on it
            assertThat(Files.readString(fakes.resolve("args-seen-by-" + module + "-" + version))).as(module)
                    .doesNotContain("redis-secret-from-env");
        }
    }

    @Test
    void aServiceThatDiesIsStartedAgainAfterAGrowingPauseAndTheRestartIsLoggedAndCounted() throws Exception {
        Run start = platform(Map.of(), "start", "--no-build");
        assertThat(start.exitCode()).as(start.output()).isZero();
        long gateway = pid("api-gateway");

        long first = pid("addon-runtime");
        kill(first);
        long second = awaitRestart("addon-runtime", first, "1");
        kill(second);
        awaitRestart("addon-runtime", second, "2");

        String notes = Files.readString(root.resolve(".run/logs/supervisor.log"));
        assertThat(notes).containsPattern("addon-runtime exited \\(status 137\\) after \\d+ s; restart 1 in 1 s")
                .containsPattern("addon-runtime exited \\(status 137\\) after \\d+ s; restart 2 in 2 s");
        Run status = platform(Map.of(), "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("addon-runtime +UP .* restarts 2").containsPattern("api-gateway +UP .* restarts 0");
        assertThat(pid("api-gateway")).as("the other services are not touched").isEqualTo(gateway);
    }

    @Test
    void startStartsWhatIsNotRunningAndLeavesTheRunningServicesAlone() throws Exception {
        Run first = platform(Map.of(), "start", "--no-build");
        assertThat(first.exitCode()).as(first.output()).isZero();
        Map<String, Long> before = new HashMap<>();
        for (String module : MODULES) {
            before.put(module, pid(module));
        }
        // the runtime gone for good: its supervisor first, so that nothing starts it again
        kill(Long.parseLong(Files.readString(root.resolve(".run/addon-runtime.supervisor.pid")).trim()));
        kill(before.get("addon-runtime"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(before.get("addon-runtime")).isEmpty());
        assertThat(platform(Map.of(), "status").exitCode()).isEqualTo(1);

        Run again = platform(Map.of(), "start", "--no-build");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("not running: addon-runtime").doesNotContain("already running");
        assertThat(pid("addon-runtime")).isNotEqualTo(before.get("addon-runtime"));
        for (String module : List.of("addon-server", "widget-renderer", "api-gateway")) {
            assertThat(pid(module)).as(module).isEqualTo(before.get(module));
        }
        assertThat(platform(Map.of(), "status").exitCode()).isZero();
        Run third = platform(Map.of(), "start", "--no-build");
        assertThat(third.output()).contains("already running");
    }

    /** Waits until the supervisor has started the module again (a new, healthy process) and counted it. */
    long awaitRestart(String module, long dead, String count) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            Path restarts = root.resolve(".run/" + module + ".restarts");
            long now = Files.exists(root.resolve(".run/" + module + ".pid")) ? pid(module) : dead;
            boolean healthy = now != dead && healthy(module);
            return healthy && Files.readString(restarts).trim().equals(count) ? now : null;
        }, java.util.Objects::nonNull);
    }

    boolean healthy(String module) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(ports.get(module)))) {
            return socket.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    long pid(String module) throws IOException {
        return Long.parseLong(Files.readString(root.resolve(".run/" + module + ".pid")).trim());
    }

    static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    record Run(int exitCode, String output) {
    }

    Run platform(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", root.resolve("platform.sh").toString()),
                Stream.of(args)).toList()).directory(root.toFile()).redirectErrorStream(true);
        Path output = Files.createTempFile(root, "platform-", ".out");
        builder.redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("THEMEPRESS_KEYS_ADMIN_KEY");
        // the machine's own Redis password file is not this test's business
        environment.put("THEMEPRESS_REDIS_PASSWORD", "redis-secret-of-the-test");
        environment.put("PATH", fakes + ":" + environment.get("PATH"));
        environment.put("REAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("THEMEPRESS_START_TIMEOUT", "60");
        for (String module : MODULES) {
            environment.put("THEMEPRESS_PORT_" + module.replace('-', '_').toUpperCase(Locale.ROOT),
                    ports.computeIfAbsent(module, m -> String.valueOf(FreePorts.next())));
        }
        environment.putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("platform.sh " + String.join(" ", args) + " did not finish: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    String seenBy(String module) throws IOException {
        return Files.readString(fakes.resolve("key-seen-by-" + module + "-" + version));
    }

    String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** The version that names the jars, read as platform.sh reads it: the first {@code <version>} after {@code </parent>}. */
    static String projectVersion() throws IOException {
        Matcher matcher = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(REPO.resolve("pom.xml")));
        if (!matcher.find()) {
            throw new IllegalStateException("no project version in " + REPO.resolve("pom.xml"));
        }
        return matcher.group(1);
    }
}
