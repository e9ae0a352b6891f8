package com.themepress.runtime.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.themepress.runtime.AddonRuntimeApplication;

/**
 * A runtime started in the test JVM on a random port, with its own runtime id and networks, so
 * that closing it (and {@link #close()} cleaning after it) touches nothing else on the engine.
 */
public final class RuntimeHarness implements AutoCloseable {

    public final String runtimeId;
    public final String internalNetwork;
    public final String outboundNetwork;
    private final Map<String, Object> properties;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ConfigurableApplicationContext context;
    private int port;

    private RuntimeHarness(String runtimeId, Map<String, String> extra) {
        this.runtimeId = runtimeId;
        this.internalNetwork = runtimeId + "-sandbox";
        this.outboundNetwork = runtimeId + "-outbound";
        this.properties = new HashMap<>(properties(runtimeId));
        this.properties.putAll(extra);
    }

    /** Properties that make a runtime with its own id and networks. */
    public static Map<String, String> properties(String runtimeId) {
        return Map.of(
                "server.port", "0",
                "themepress.runtime.sandbox.runtime-id", runtimeId,
                "themepress.runtime.sandbox.internal-network", runtimeId + "-sandbox",
                "themepress.runtime.sandbox.outbound-network", runtimeId + "-outbound",
                "management.defaults.metrics.export.enabled", "true");
    }

    public static String newRuntimeId(String purpose) {
        return "it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public static RuntimeHarness start(String purpose, Map<String, String> extra) {
        return withId(newRuntimeId(purpose), extra).startAgain();
    }

    /** A harness for a given runtime id, not yet started. */
    public static RuntimeHarness withId(String runtimeId, Map<String, String> extra) {
        return new RuntimeHarness(runtimeId, extra);
    }

    /** (Re)starts the runtime with the same id, as after a crash. */
    public RuntimeHarness startAgain() {
        // As arguments, not default properties: those rank below application.yml, whose server.port 8082
        // would make every test runtime take (or collide on) the real runtime's port.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        context = new SpringApplicationBuilder(AddonRuntimeApplication.class).run(args);
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return this;
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> put(String name, String version, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/runtime/deployments/" + name + "/" + version))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> execute(String name, String version, String action, String body) {
        return post("/runtime/deployments/" + name + "/" + version + "/execute/" + action, body, "application/json");
    }

    public HttpResponse<String> post(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the runtime as a shutdown would, without cleaning up after it. */
    public void stopGracefully() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        try {
            stopGracefully();
        } finally {
            TestDocker.cleanUp(runtimeId, internalNetwork, outboundNetwork);
        }
    }
}
