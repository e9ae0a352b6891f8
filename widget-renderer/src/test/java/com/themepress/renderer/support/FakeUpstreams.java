package com.themepress.renderer.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on loopback that plays the addon-server's internal widget API and the
 * addon-runtime's deployment API, with an addon behind it whose renders are counted: the "addon
 * side" the cache tests assert against. Addons, versions, failures and delays are set by the test.
 */
public final class FakeUpstreams implements AutoCloseable {

    /** What the fake addon answers for one render call. */
    public record Answer(int status, String contentType, String body, boolean fromInstance) {

        public static Answer render(String html, String css, String javascript) {
            ObjectNode json = MAPPER.createObjectNode().put("html", html).put("css", css).put("javascript", javascript);
            return new Answer(200, "application/json", json.toString(), true);
        }
    }

    /** A render function for one widget: (version, render number, {config, context}) → answer. */
    @FunctionalInterface
    public interface Widget {
        Answer render(String version, int count, JsonNode body);
    }

    public static final String CARD_SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
             "properties":{"title":{"type":"string","maxLength":20,"default":"Hello"},
                           "columns":{"type":"integer","minimum":1,"maximum":6,"default":3}}}
            """;

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
    private final Map<String, String> schemas = new ConcurrentHashMap<>();
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> renders = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final List<JsonNode> renderBodies = new CopyOnWriteArrayList<>();
    private volatile Duration renderDelay = Duration.ZERO;

    public FakeUpstreams() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/internal/widgets/", this::resolve);
        server.createContext("/runtime/deployments/", this::runtime);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers (or publishes a new version of) an addon with one widget. */
    public FakeUpstreams addon(String addon, String version, String widget, String schema, Widget render) {
        versions.put(addon, version);
        widgets.put(addon + "/" + widget, render);
        schemas.put(addon + "/" + widget, schema);
        return this;
    }

    /** The default widget: its HTML names the version, the config's title and the render number. */
    public static Widget counting() {
        return (version, count, body) -> Answer.render(
                "<div class=\"card\"><h3>" + body.path("config").path("title").asString() + "</h3><p class=\"version\">v" + version
                        + "</p><p class=\"count\">render " + count + "</p><p class=\"locale\">"
                        + body.path("context").path("locale").asString("none") + "</p></div>",
                ".card{color:#123456} body{background:red}", "root.dataset.ran='yes';");
    }

    public void publishVersion(String addon, String version) {
        versions.put(addon, version);
    }

    public void down(String addon, boolean isDown) {
        if (isDown) {
            down.add(addon);
        } else {
            down.remove(addon);
        }
    }

    public void renderDelay(Duration delay) {
        this.renderDelay = delay;
    }

    public int renders(String addon, String version, String widget) {
        AtomicInteger count = renders.get(addon + "@" + version + "/" + widget);
        return count == null ? 0 : count.get();
    }

    public int totalRenders() {
        return renders.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int resolutions() {
        return resolutions.get();
    }

    public List<JsonNode> renderBodies() {
        return renderBodies;
    }

    public boolean deployed(String addon, String version) {
        return deployed.contains(addon + "@" + version);
    }

    private void resolve(HttpExchange exchange) throws IOException {
        resolutions.incrementAndGet();
        String[] parts = exchange.getRequestURI().getPath().split("/"); // "", internal, widgets, addon, widget
        String addon = parts[3];
        String widget = parts[4];
        String version = versions.get(addon);
        if (version == null || !widgets.containsKey(addon + "/" + widget)) {
            send(exchange, 404, "application/problem+json", "{\"type\":\"https://themepress.dev/problems/"
                    + (version == null ? "addon-not-found" : "not-found") + "\",\"status\":404,\"detail\":\"no such widget\""
                    + (version == null ? "" : ",\"errors\":[{\"pointer\":\"/widget\",\"message\":\"unknown widget\"}]") + "}", null);
            return;
        }
        String body = """
                {"addon":"%s","version":"%s","widget":{"name":"%s","configSchema":%s,"responsive":true},
                 "deployment":{"image":"themepress/addon-%s:%s","resources":{"memoryMb":128,"cpus":0.5,"timeoutMs":3000,
                 "minInstances":0,"maxInstances":1,"concurrency":4},"networkOutbound":false,"config":{}}}
                """.formatted(addon, version, widget, schemas.get(addon + "/" + widget), addon, version);
        send(exchange, 200, "application/json", body, null);
    }

    private void runtime(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/"); // "", runtime, deployments, addon, version, render, widget
        String addon = parts[3];
        String version = parts[4];
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("PUT")) {
            deployed.add(addon + "@" + version);
            send(exchange, 201, "application/json", "{}", null);
            return;
        }
        if (!deployed.contains(addon + "@" + version)) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"detail\":\"unknown deployment\"}", null);
            return;
        }
        if (down.contains(addon)) {
            send(exchange, 502, "application/problem+json",
                    "{\"type\":\"https://themepress.dev/problems/upstream-failed\",\"status\":502,\"detail\":\"no healthy instance\"}", null);
            return;
        }
        String widget = parts[6];
        JsonNode body = MAPPER.readTree(raw);
        renderBodies.add(body);
        int count = renders.computeIfAbsent(addon + "@" + version + "/" + widget, k -> new AtomicInteger()).incrementAndGet();
        if (!renderDelay.isZero()) {
            try {
                Thread.sleep(renderDelay.toMillis()); // the addon's own render time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = widgets.get(addon + "/" + widget).render(version, count, body);
        send(exchange, answer.status(), answer.contentType(), answer.body(), answer.fromInstance() ? "i-1" : null);
    }

    private static void send(HttpExchange exchange, int status, String type, String body, String instance) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        if (instance != null) {
            exchange.getResponseHeaders().add("X-Instance-Id", instance);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
