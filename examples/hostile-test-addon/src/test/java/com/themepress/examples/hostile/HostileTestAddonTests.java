package com.themepress.examples.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Addon;
import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Render;
import com.themepress.sdk.Result;

/** The fixture's attacks run bounded here; the sandbox tests run them unbounded inside a container. */
class HostileTestAddonTests {

    static final AddonInfo INFO = new AddonInfo("hostile-test-addon", "1.0.0", "inst-1", Json.object("k", "v"));

    final List<Integer> exits = new ArrayList<>();
    final Attacks attacks = new Attacks(Map.of("ADDON_NAME", "hostile-test-addon", "ADDON_VERSION", "1.0.0"), exits::add);
    final Hogs hogs = new Hogs();
    final Probes probes = new Probes();

    @Test
    void servesWhatTheManifestDeclares() throws Exception {
        Addon addon = HostileTestAddon.addon(attacks, hogs, probes, new HostCalls(Map.of()));
        JsonNode manifest = Json.mapper().readTree(new File("manifest.json"));

        assertThat(addon.endpointNames()).containsExactlyElementsOf(names(manifest.path("endpoints")));
        assertThat(addon.widgetNames()).containsExactlyElementsOf(names(manifest.path("widgets")));
    }

    @Test
    void echoShowsTheDataTheInstanceAndTheEnvironment() {
        JsonNode body = attacks.echo(call("{\"x\":1}")).json();

        assertThat(body.path("data")).isEqualTo(Json.object("x", 1));
        assertThat(body.path("instanceId").stringValue()).isEqualTo("inst-1");
        assertThat(body.path("addonName").stringValue()).isEqualTo("hostile-test-addon");
        assertThat(body.path("config")).isEqualTo(Json.object("k", "v"));
    }

    @Test
    void inspectReportsTheProcessIdentity() {
        JsonNode body = attacks.inspect(call("{}")).json();

        assertThat(body.path("proc").path("Uid").stringValue()).isNotBlank();
        assertThat(body.path("availableProcessors").intValue()).isPositive();
        assertThat(body.has("cgroup")).isTrue();
    }

    @Test
    void writeRootReportsEachPath(@TempDir Path dir) {
        Path ok = dir.resolve("ok");
        Path blocked = dir.resolve("missing/x");

        JsonNode body = attacks.writeRoot(call(Json.write(Json.object("paths", List.of(ok.toString(), blocked.toString()))))).json();

        assertThat(body.path("written")).isEqualTo(Json.array(ok.toString()));
        assertThat(body.path("results").path(blocked.toString()).stringValue()).startsWith("NoSuchFileException");
        assertThat(Files.exists(ok)).isTrue();
    }

    @Test
    void sleepSleeps() throws Exception {
        assertThat(attacks.sleep(call("{\"ms\":5}")).json().path("sleptMs").intValue()).isEqualTo(5);
        assertThat(catchThrowableOfType(ProblemException.class, () -> attacks.sleep(call("{\"ms\":-1}"))).problem().status())
                .isEqualTo(400);
    }

    @Test
    void netOutReportsWhetherItConnected() throws Exception {
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0)) {
            JsonNode open = attacks.netOut(call("{\"host\":\"127.0.0.1\",\"port\":" + listening.getLocalPort() + "}")).json();
            assertThat(open.path("connected").booleanValue()).isTrue();
            closedPort = listening.getLocalPort();
        }

        JsonNode closed = attacks.netOut(call("{\"host\":\"127.0.0.1\",\"port\":" + closedPort + "}")).json();

        assertThat(closed.path("connected").booleanValue()).isFalse();
        assertThat(closed.path("error").stringValue()).contains("ConnectException");
    }

    @Test
    void crashExitsWithCode3() {
        attacks.crash(call("{}"));

        assertThat(exits).containsExactly(3);
    }

    @Test
    void statusAnswersTheRequestedStatus() {
        Result teapot = attacks.status(call("{\"status\":418}"));
        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.json().path("status").intValue()).isEqualTo(418);
        assertThat(attacks.status(call("{\"status\":503}")).status()).isEqualTo(503);
        assertThat(attacks.status(call("{\"status\":204}")).body()).isNull();
        assertThat(attacks.status(call("{\"status\":201}")).status()).isEqualTo(201);
        assertThat(catchThrowableOfType(ProblemException.class, () -> attacks.status(call("{\"status\":99}"))).problem().status())
                .isEqualTo(400);
    }

    @Test
    void forkBombCountsTheThreadsItStarted() {
        JsonNode body = hogs.forkBomb(call("{\"max\":20,\"release\":true}")).json();

        assertThat(body.path("threads").intValue()).isEqualTo(20);
        assertThat(body.path("error").isNull()).isTrue();
    }

    @Test
    void memoryHogAllocatesInEveryMode() {
        for (String mode : List.of("native", "direct", "heap")) {
            JsonNode body = hogs.memoryHog(call("{\"mode\":\"" + mode + "\",\"chunkMb\":2,\"maxMb\":6,\"release\":true}")).json();

            assertThat(body.path("allocatedMb").intValue()).as(mode).isEqualTo(6);
        }
    }

    @Test
    void infiniteLoopSpinsUntilItsBound() {
        assertThat(hogs.infiniteLoop(call("{\"ms\":20}")).json().path("spins").longValue()).isPositive();
    }

    @Test
    void emitAnswersWithAnyEvent() {
        Result result = probes.emit(call("{\"type\":\"undeclared.type\",\"data\":{\"a\":1}}"));

        assertThat(result.json().path("events")).isEqualTo(Json.parse("[{\"type\":\"undeclared.type\",\"data\":{\"a\":1}}]"));
        assertThat(catchThrowableOfType(ProblemException.class, () -> probes.emit(call("{\"type\":\"Bad Type\"}"))).problem().status())
                .isEqualTo(400);
    }

    @Test
    void testEventsAreRecordedOrRefusedOnRequest() {
        probes.onTestEvent(new Event("e-1", "test.ping", null, null, null, Json.object()));

        assertThatThrownBy(() -> probes.onTestEvent(new Event("e-2", "test.ping", null, null, null, Json.object("fail", true))))
                .isInstanceOf(IllegalStateException.class);
        JsonNode received = probes.receivedEvents(call("{}")).json();
        assertThat(received.path("count").intValue()).isEqualTo(1);
        assertThat(received.path("events").get(0).path("id").stringValue()).isEqualTo("e-1");
    }

    @Test
    void floodWritesUntilItsBound() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();

        hogs.flood(call("{\"maxMb\":1}"), body);

        assertThat(body.size()).isEqualTo(1024 * 1024 + 2);
        assertThat(Json.parse(body.toString(StandardCharsets.UTF_8))).isEqualTo(Json.parse("[]"));
    }

    @Test
    void theProbeWidgetCountsRenders() {
        Render render = new Render("probe", Json.object("a", "<b>"), Json.object(), INFO);

        probes.probe(render);
        String second = probes.probe(render).html();

        assertThat(second).contains("data-render-count=\"2\"", "data-instance=\"inst-1\"", "&lt;b&gt;");
    }

    @Test
    void theEscapeAttemptCarriesScriptAndUnbalancedMarkup() {
        var widget = probes.escapeAttempt(new Render("escape-attempt", Json.object(), Json.object(), INFO));

        assertThat(widget.html()).contains("<script>", "</body>", "onerror=");
        assertThat(widget.javascript()).contains("window.parent");
    }

    static Call call(String data) {
        return new Call("test", Json.parse(data), INFO);
    }

    static List<String> names(JsonNode array) {
        return array.values().stream().map(node -> node.path("name").stringValue()).toList();
    }
}
