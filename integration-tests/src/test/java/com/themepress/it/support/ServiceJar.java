package com.themepress.it.support;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * A platform service started from the jar its module built ({@code ../MODULE/target}), as
 * {@code ./platform.sh} would start it, on a loopback port; its log goes to a file under target/.
 */
public final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceJar(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The module's executable jar, if it was built. */
    public static Optional<Path> jar(String module) {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*\\.jar")
                    && !p.getFileName().toString().endsWith("-sources.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts the service's jar and waits until it is ready. */
    public static ServiceJar start(String module, int port, Map<String, String> properties) {
        return launch(module, port, properties).awaitHealthy();
    }

    /**
     * Starts the service's jar without waiting: a test that knows every port up front launches all its
     * services at once and then waits for each, so their JVMs start side by side instead of in turn.
     */
    public static ServiceJar launch(String module, int port, Map<String, String> properties) {
        // Not a skip: this module depends on the services, so the reactor packages them before these tests run.
        Path jar = jar(module).orElseThrow(() -> new IllegalStateException("../" + module
                + "/target has no executable jar; build with ./mvnw verify -pl integration-tests -am"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port, "--spring.main.banner-mode=off"));
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Path log = Path.of("target", "chain-" + module + ".log").toAbsolutePath();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceJar(module, process, port, log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (two minutes at most) until the service answers its readiness probe; fails at once if it exited. */
    public ServiceJar awaitHealthy() {
        awaitHealthy(Duration.ofSeconds(120));
        return this;
    }

    void awaitHealthy(Duration timeout) {
        Awaitility.await(name + " healthy on " + port).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited: see " + log);
                    }
                    return healthy();
                });
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer would end it. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
