package com.themepress.renderer.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server on loopback that plays the addon-server's internal widget API, beside the shared
 * {@link FakeRuntime} (its own server, {@link #runtimeUrl()}) with the addons behind it whose renders
 * are counted: the "addon side" the cache tests assert against. Addons, versions and failures are set
 * by the test, which may also hold renders back (the addon's own render time) until it lets them go.
 */
public final class FakeUpstreams implements AutoCloseable {

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

    private final HttpFake server = HttpFake.start();
    private final FakeRuntime runtime = new FakeRuntime();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Set<String> widgets = ConcurrentHashMap.newKeySet();
    private final Map<String, String> schemas = new ConcurrentHashMap<>();
    private final Map<String, String> scopes = new ConcurrentHashMap<>();
    private final AtomicInteger resolutions = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String serviceKey;

    public FakeUpstreams() {
        server.route("/internal/widgets/", this::resolve);
    }

    /** The addon-server's URL. */
    public String url() {
        return server.url();
    }

    public String runtimeUrl() {
        return runtime.url();
    }

    public FakeRuntime runtime() {
        return runtime;
    }

    /** From now on both the addon-server and the runtime refuse (401) every request without this {@code X-Service-Key}. */
    public FakeUpstreams requireServiceKey(String key) {
        serviceKey = key;
        runtime.requireServiceKey(key);
        return this;
    }

    /** Registers (or publishes a new version of) an addon with one widget. */
    public FakeUpstreams addon(String addon, String version, String widget, String schema, Widget render) {
        versions.put(addon, version);
        widgets.add(addon + "/" + widget);
        schemas.put(addon + "/" + widget, schema);
        runtime.on(addon, "render/" + widget, (call, count) -> render.render(call.version(), count, call.json()));
        return this;
    }

    /** Registers an addon with one widget that declares its manifest {@code cacheScope} ({@code public}, {@code user}, {@code none}). */
    public FakeUpstreams addon(String addon, String version, String widget, String schema, String cacheScope, Widget render) {
        scopes.put(addon + "/" + widget, cacheScope);
        return addon(addon, version, widget, schema, render);
    }

    /** Render calls that reached the addon's widget. */
    public List<JsonNode> renderBodies(String addon, String widget) {
        return runtime.calls().stream().filter(c -> c.addon().equals(addon) && c.function().equals("render/" + widget))
                .map(FakeRuntime.Call::json).toList();
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

    /** Sites that installed another version than the current one: their resolutions name it. */
    private final Map<String, String> siteVersions = new ConcurrentHashMap<>();

    /** Sites whose resolution of an addon answers 404, as the addon-server does for an addon a site has not installed. */
    private final java.util.Set<String> notInstalled = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FakeUpstreams notInstalledOn(String site, String addon, boolean notThere) {
        if (notThere) {
            notInstalled.add(site + "/" + addon);
        } else {
            notInstalled.remove(site + "/" + addon);
        }
        return this;
    }

    public FakeUpstreams installOn(String site, String addon, String version) {
        siteVersions.put(site + "/" + addon, version);
        return this;
    }

    public void down(String addon, boolean isDown) {
        runtime.down(addon, isDown);
    }

    /** From now on every render waits (counted by {@link #heldRenders()}) until {@link #releaseRenders()}. */
    public void holdRenders() {
        runtime.holdCalls();
    }

    public void releaseRenders() {
        runtime.releaseCalls();
    }

    /** Renders the addon has started and not yet answered because they are held. */
    public int heldRenders() {
        return runtime.heldCalls();
    }

    public int renders(String addon, String version, String widget) {
        return runtime.count(addon, version, "render/" + widget);
    }

    public int totalRenders() {
        return runtime.total("render/");
    }

    public int resolutions() {
        return resolutions.get();
    }

    /** Resolution requests refused for want of the service key ({@link #requireServiceKey}). */
    public int refusedResolutions() {
        return refused.get();
    }

    /** The bodies of the render calls the runtime received. */
    public List<JsonNode> renderBodies() {
        return runtime.calls().stream().filter(c -> c.function().startsWith("render/")).map(FakeRuntime.Call::json).toList();
    }

    public boolean deployed(String addon, String version) {
        return runtime.deployed(addon, version);
    }

    /** Sites that granted their addons {@code page.script}: their resolutions say so. */
    private final java.util.Set<String> pageScriptSites = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FakeUpstreams grantPageScript(String site) {
        pageScriptSites.add(site);
        return this;
    }

    private Reply resolve(Request request) {
        String key = serviceKey;
        if (key != null && !key.equals(request.header("X-Service-Key"))) {
            refused.incrementAndGet();
            return Reply.problem(401, "{\"type\":\"https://themepress.dev/problems/unauthenticated\",\"status\":401}");
        }
        resolutions.incrementAndGet();
        String[] parts = request.path().split("/"); // "", internal, widgets, addon, widget
        String addon = parts[3];
        String widget = parts[4];
        String query = request.uri().getQuery();
        if (query != null && query.startsWith("site=") && notInstalled.contains(query.substring("site=".length()) + "/" + addon)) {
            return Reply.problem(404, "{\"type\":\"https://themepress.dev/problems/not-found\",\"status\":404,"
                    + "\"detail\":\"not installed on the site\",\"errors\":[{\"pointer\":\"/addon\",\"message\":\"not installed on the site\"}]}");
        }
        String version = query != null && query.startsWith("site=")
                ? siteVersions.getOrDefault(query.substring("site=".length()) + "/" + addon, versions.get(addon)) : versions.get(addon);
        if (version == null || !widgets.contains(addon + "/" + widget)) {
            return Reply.problem(404, "{\"type\":\"https://themepress.dev/problems/"
                    + (version == null ? "addon-not-found" : "not-found") + "\",\"status\":404,\"detail\":\"no such widget\""
                    + (version == null ? "" : ",\"errors\":[{\"pointer\":\"/widget\",\"message\":\"unknown widget\"}]") + "}");
        }
        String scope = scopes.get(addon + "/" + widget);
        String body = """
                {"addon":"%s","version":"%s","widget":{"name":"%s","configSchema":%s,"responsive":true%s},
                 "deployment":{"image":"themepress/addon-%s:%s","resources":{"memoryMb":128,"cpus":0.5,"timeoutMs":3000,
                 "minInstances":0,"maxInstances":1,"concurrency":4},"networkOutbound":false,"config":{}}%s}
                """.formatted(addon, version, widget, schemas.get(addon + "/" + widget),
                        scope == null ? "" : ",\"cacheScope\":\"" + scope + "\"", addon, version, siteFields(request));
        return Reply.json(200, body);
    }

    private String siteFields(Request request) {
        String query = request.uri().getQuery();
        if (query == null || !query.startsWith("site=")) {
            return "";
        }
        String site = query.substring("site=".length());
        return ",\"site\":\"" + site + "\",\"pageScript\":" + pageScriptSites.contains(site);
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
    }
}
