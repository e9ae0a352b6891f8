package com.themepress.renderer.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.themepress.testsupport.Gate;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server on loopback that plays the addon-server's internal widget API and the
 * addon-runtime's deployment API, with an addon behind it whose renders are counted: the "addon
 * side" the cache tests assert against. Addons, versions and failures are set by the test, which
 * may also hold renders back (the addon's own render time) until it lets them go.
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

    private final HttpFake server = HttpFake.start();
    private final Gate renderTime = Gate.opened();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
    private final Map<String, String> schemas = new ConcurrentHashMap<>();
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> renders = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final List<JsonNode> renderBodies = new CopyOnWriteArrayList<>();

    public FakeUpstreams() {
        server.route("/internal/widgets/", this::resolve).route("/runtime/deployments/", this::runtime);
    }

    public String url() {
        return server.url();
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

    /** From now on every render waits (counted by {@link #heldRenders()}) until {@link #releaseRenders()}. */
    public void holdRenders() {
        renderTime.close();
    }

    public void releaseRenders() {
        renderTime.open();
    }

    /** Renders the addon has started and not yet answered because they are held. */
    public int heldRenders() {
        return renderTime.waiting();
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

    private Reply resolve(Request request) {
        resolutions.incrementAndGet();
        String[] parts = request.path().split("/"); // "", internal, widgets, addon, widget
        String addon = parts[3];
        String widget = parts[4];
        String version = versions.get(addon);
        if (version == null || !widgets.containsKey(addon + "/" + widget)) {
            return Reply.problem(404, "{\"type\":\"https://themepress.dev/problems/"
                    + (version == null ? "addon-not-found" : "not-found") + "\",\"status\":404,\"detail\":\"no such widget\""
                    + (version == null ? "" : ",\"errors\":[{\"pointer\":\"/widget\",\"message\":\"unknown widget\"}]") + "}");
        }
        String body = """
                {"addon":"%s","version":"%s","widget":{"name":"%s","configSchema":%s,"responsive":true},
                 "deployment":{"image":"themepress/addon-%s:%s","resources":{"memoryMb":128,"cpus":0.5,"timeoutMs":3000,
                 "minInstances":0,"maxInstances":1,"concurrency":4},"networkOutbound":false,"config":{}}}
                """.formatted(addon, version, widget, schemas.get(addon + "/" + widget), addon, version);
        return Reply.json(200, body);
    }

    private Reply runtime(Request request) {
        String[] parts = request.path().split("/"); // "", runtime, deployments, addon, version, render, widget
        String addon = parts[3];
        String version = parts[4];
        if (request.method().equals("PUT")) {
            deployed.add(addon + "@" + version);
            return Reply.json(201, "{}");
        }
        if (!deployed.contains(addon + "@" + version)) {
            return Reply.problem(404, "{\"status\":404,\"detail\":\"unknown deployment\"}");
        }
        if (down.contains(addon)) {
            return Reply.problem(502,
                    "{\"type\":\"https://themepress.dev/problems/upstream-failed\",\"status\":502,\"detail\":\"no healthy instance\"}");
        }
        String widget = parts[6];
        JsonNode body = MAPPER.readTree(request.body());
        renderBodies.add(body);
        int count = renders.computeIfAbsent(addon + "@" + version + "/" + widget, k -> new AtomicInteger()).incrementAndGet();
        renderTime.pass();
        Answer answer = widgets.get(addon + "/" + widget).render(version, count, body);
        Reply reply = Reply.body(answer.status(), answer.contentType(), answer.body());
        return answer.fromInstance() ? reply.with("X-Instance-Id", "i-1") : reply;
    }

    @Override
    public void close() {
        renderTime.open();
        server.close();
    }
}
