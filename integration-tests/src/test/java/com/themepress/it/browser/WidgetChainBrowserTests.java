package com.themepress.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;

import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.themepress.it.support.ServiceJar;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.browser.Chromium;
import com.themepress.testsupport.browser.HostPage;
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole chain, for real: api-gateway, addon-server, addon-runtime and widget-renderer from
 * their jars, Redis, Docker containers of the example images, and headless Chromium showing a host
 * page that embeds the fragments. Skipped ("Component absent") only when Chromium, Redis or the
 * example images are not on this machine; the jars are built by the reactor before this module.
 */
@RequiresChromium
@RequiresRedisServer
@RequiresDockerImage({WidgetChainBrowserTests.PAYMENT_IMAGE, WidgetChainBrowserTests.HOSTILE_IMAGE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetChainBrowserTests {

    static final String PAYMENT_IMAGE = "themepress/addon-payment-gateway:1.0.0";
    static final String HOSTILE_IMAGE = "themepress/addon-hostile-test-addon:1.0.0";
    static final String REGISTRY_CHANGES = "themepress:registry-changes";
    static final String ADMIN_KEY = "chain-admin-" + UUID.randomUUID();
    /** As platform.sh runs them: every service has the key, so each hop of the chain must send it. */
    static final String SERVICE_KEY = "chain-service-" + UUID.randomUUID();
    static final String RUNTIME_ID = "widget-chain-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static ServiceJar runtime;
    static ServiceJar addonServer;
    static ServiceJar gateway;
    static ServiceJar renderer;
    static int rendererPort;
    static Map<String, String> rendererProperties;
    static Path data;
    static String developerKey;

    @BeforeAll
    static void startTheChain() throws Exception {
        redis = RedisServer.start();
        data = Files.createTempDirectory("chain-addon-server-");
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.service-key", SERVICE_KEY);
        // Every port is chosen first, so the four services start side by side.
        int runtimePort = FreePorts.next();
        int addonServerPort = FreePorts.next();
        rendererPort = FreePorts.next();
        String runtimeUrl = "http://127.0.0.1:" + runtimePort;
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        runtime = ServiceJar.launch("addon-runtime", runtimePort, with(shared,
                "themepress.runtime.sandbox.runtime-id", RUNTIME_ID, "themepress.runtime.host-api.addon-server", addonServerUrl));
        // A test rig that runs the hostile test addon says so, as an operator would: it is not internal
        // here, and it is this developer's, beside the example it registers.
        addonServer = ServiceJar.launch("addon-server", addonServerPort, with(shared,
                "themepress.storage.data-dir", data.toString(), "themepress.keys.admin-key", ADMIN_KEY,
                "themepress.runtime-client.url", runtimeUrl, "themepress.images.internal", "themepress/jre-base",
                "themepress.images.namespaces.chain-tests", "themepress/addon-payment-gateway,themepress/addon-hostile-test-addon"));
        rendererProperties = with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtimeUrl);
        renderer = ServiceJar.launch("widget-renderer", rendererPort, rendererProperties);
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared,
                "themepress.services.addon-server", addonServerUrl,
                "themepress.services.widget-renderer", "http://127.0.0.1:" + rendererPort));
        for (ServiceJar service : List.of(runtime, addonServer, renderer, gateway)) {
            service.awaitHealthy();
        }

        developerKey = post("/api/keys", "{\"developer\":\"chain-tests\"}", ADMIN_KEY).path("key").asString();
        register(Files.readString(Path.of("..", "examples", "payment-gateway", "manifest.json")));
        register(Files.readString(Path.of("..", "examples", "hostile-test-addon", "manifest.json")));
    }

    @AfterAll
    static void stopTheChain() throws Exception {
        for (AutoCloseable service : new AutoCloseable[] {gateway, renderer, addonServer, runtime}) {
            if (service != null) {
                service.close();
            }
        }
        if (runtime != null) {
            Process rm = new ProcessBuilder("sh", "-c",
                    "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                    .redirectErrorStream(true).start();
            rm.waitFor();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void checkoutFormRendersWithItsDefaultsThroughTheGateway() {
        HttpResponse<String> json = get(gateway.url() + "/api/widgets/payment-gateway/checkout-form");

        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(json.body());
        assertThat(body.path("html").asString()).contains("<form class=\"tp-checkout\"").contains("data-currency=\"USD\"")
                .contains(">Checkout</h3>").contains("Pay now");
        assertThat(body.path("css").asString()).contains(".tp-checkout");
        assertThat(body.path("javascript").asString()).contains("process-payment");
        assertThat(json.headers().firstValue("X-Widget-Version")).hasValue("1.0.0");
    }

    @Test
    @Order(2)
    void invalidConfigIs400WithPointersAndUnknownWidgetIs404ThroughTheGateway() {
        HttpResponse<String> invalid = get(gateway.url() + "/api/widgets/payment-gateway/checkout-form?config="
                + URLEncoder.encode("{\"currency\":\"dollars\",\"amount\":-1,\"tip\":true}", StandardCharsets.UTF_8));
        HttpResponse<String> unknown = get(gateway.url() + "/api/widgets/payment-gateway/no-such-widget");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> pointers = new ArrayList<>();
        MAPPER.readTree(invalid.body()).path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
        assertThat(pointers).containsExactly("/amount", "/currency", "/tip");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(unknown.body()).path("detail").asString()).contains("checkout-form");
        HttpResponse<String> catalogue = get(gateway.url() + "/api/widgets?category=form");
        assertThat(catalogue.statusCode()).isEqualTo(200);
        assertThat(catalogue.body()).contains("/api/widgets/payment-gateway/checkout-form").doesNotContain("receipt");
    }

    @Test
    @Order(3)
    void theFragmentShowsAWorkingFormInChromiumAndTheHostileWidgetStaysInside() throws Exception {
        List<String> fragments = List.of(
                HostPage.fragment(gateway.url() + "/api/widgets/payment-gateway/checkout-form"),
                HostPage.fragment(gateway.url() + "/api/widgets/hostile-test-addon/escape-attempt"));
        try (HostPage page = new HostPage(gateway.url(), () -> fragments); Chromium chromium = Chromium.launch()) {
            chromium.navigate(page.url());
            // A widget with script runs in a sandboxed frame: its DOM is reached through the frame's own session.
            String checkout = "document.querySelector('form[data-tp-checkout]') !== null";
            String form = "document.querySelector('form[data-tp-checkout]')";

            JsonNode shown = chromium.evaluateInFrame(checkout, "(() => { const f = " + form + "; const r = f.getBoundingClientRect();"
                    + " const i = f.querySelector('input[name=amount]');"
                    + " return {height: r.height, display: getComputedStyle(f).display, ready: f.hasAttribute('data-tp-ready'),"
                    + " inputBackground: getComputedStyle(i).backgroundColor, button: f.querySelector('button').textContent,"
                    + " content: document.documentElement.getBoundingClientRect().height, origin: location.origin}; })()");
            assertThat(shown.path("height").asDouble()).as("form height").isGreaterThan(200);
            assertThat(shown.path("display").asString()).as("the page's form{display:none} does not reach it").isEqualTo("block");
            assertThat(shown.path("inputBackground").asString()).as("nor its input{background:yellow}").isNotEqualTo("rgb(255, 255, 0)");
            assertThat(shown.path("ready").asBoolean()).as("the widget's script ran, in its frame").isTrue();
            assertThat(shown.path("button").asString()).isEqualTo("Pay now");
            assertThat(shown.path("origin").asString()).as("the frame's origin is opaque").isEqualTo("null");
            assertThat(frameBox(chromium, "checkout-form").path("height").asDouble()).as("the frame is sized to its content")
                    .isCloseTo(Math.ceil(shown.path("content").asDouble()), Offset.offset(1.0));

            fill(chromium, checkout, "amount", "25");
            fill(chromium, checkout, "cardholder", "Ada Lovelace");
            fill(chromium, checkout, "cardNumber", "4242 4242 4242 4242");
            fill(chromium, checkout, "expiry", "12/30");
            fill(chromium, checkout, "cvc", "123");
            clickInFrame(chromium, "checkout-form", checkout, "button[type=submit]");
            Awaitility.await("payment outcome shown in the widget (its execute call went through the bridge)")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> chromium.evaluateInFrame(checkout, form + ".querySelector('.tp-checkout__status').textContent").asString(""),
                            text -> text.startsWith("Payment approved"));
            chromium.evaluate("window.scrollTo(0, 0)");

            byte[] png = chromium.screenshot();
            Files.write(Path.of("target", "widget-chain-browser.png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(distinctColours(image)).as("a non-blank screenshot").isGreaterThan(50);
            assertThat(pixelsNear(image, 0x1f6feb)).as("the widget's blue Pay button is visible").isGreaterThan(1500);
            assertThat(pixelsNear(image, 0xf0f8ff)).as("the host page's own background is intact").isGreaterThan(100_000);

            JsonNode host = chromium.evaluate("(() => ({escaped: typeof window.__tpEscaped, title: document.title,"
                    + " background: getComputedStyle(document.body).backgroundColor, bodyDisplay: getComputedStyle(document.body).display,"
                    + " marker: document.getElementById('host-marker') !== null && document.getElementById('host-marker').offsetHeight > 0,"
                    + " footer: document.getElementById('host-footer') !== null, cookie: document.cookie,"
                    + " scripts: document.querySelectorAll('themepress-widget script').length,"
                    + " hostileShadow: (() => { const r = document.querySelector('themepress-widget[data-widget=\"escape-attempt\"]').shadowRoot;"
                    + "   return {scripts: r.querySelectorAll('script').length,"
                    + "   frames: r.querySelectorAll('iframe:not([sandbox=\"allow-scripts allow-forms\"])').length}; })()}))()");
            JsonNode hostileMarkup = chromium.evaluateInFrame("document.querySelector('.tp-escape') !== null",
                    "(() => { const r = document.querySelector('.tp-widget-root');"
                    + " return {scripts: r.querySelectorAll('script,iframe,style').length,"
                    + " handlers: r.querySelectorAll('[onerror],[onclick]').length, jsLinks: r.querySelectorAll('a[href^=\"javascript\"]').length}; })()");
            assertThat(host.path("escaped").asString()).as("no widget script set a page global").isEqualTo("undefined");
            assertThat(host.path("title").asString()).isEqualTo("Host page");
            assertThat(host.path("background").asString()).as("the page background is the page's").isEqualTo(HostPage.PAGE_BACKGROUND);
            assertThat(host.path("bodyDisplay").asString()).isEqualTo("block");
            assertThat(host.path("marker").asBoolean()).as("host content still shown").isTrue();
            assertThat(host.path("footer").asBoolean()).as("the page body was not emptied").isTrue();
            assertThat(host.path("cookie").asString()).doesNotContain("tp_escaped");
            assertThat(host.path("scripts").asInt()).as("platform scripts remove themselves").isZero();
            assertThat(host.path("hostileShadow").path("scripts").asInt()).isZero();
            assertThat(host.path("hostileShadow").path("frames").asInt()).as("no frame but the platform's sandboxed one").isZero();
            assertThat(hostileMarkup.path("scripts").asInt()).as("no markup script, frame or style in the widget's HTML").isZero();
            assertThat(hostileMarkup.path("handlers").asInt()).isZero();
            assertThat(hostileMarkup.path("jsLinks").asInt()).isZero();
            assertThat(chromium.console()).noneMatch(line -> line.contains("__tpEscaped"));
        }
    }

    @Test
    @Order(5)
    void aBurstRendersOnceThenL1ThenL2AfterARestartAndANewVersionShowsWithinTheBroadcast() {
        String path = "/api/widgets/hostile-test-addon/probe";
        List<HttpResponse<String>> burst = concurrently(renderer.url() + path, 200);

        assertThat(burst).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        Set<String> counts = new HashSet<>();
        burst.forEach(r -> counts.add(MAPPER.readTree(r.body()).path("html").asString().replaceAll("(?s).*data-render-count=\"(\\d+)\".*", "$1")));
        assertThat(counts).as("render counts the addon reported").containsExactly("1");
        HttpResponse<String> next = get(gateway.url() + path);
        assertThat(next.headers().firstValue("X-Widget-Cache")).hasValue("L1");

        long listening = registryListeners();
        renderer.close();
        // Redis drops the old renderer's subscription when it sees the closed connection, not when the process
        // ends: count from there, or the old subscription would pass for the new one.
        Awaitility.await("the stopped renderer's subscription gone").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> registryListeners() < listening);
        renderer = ServiceJar.start("widget-renderer", rendererPort, rendererProperties);
        // Ready is not yet subscribed: a renderer in its own JVM may answer before its pub/sub listener
        // is connected, and the registration below must not be announced to nobody.
        Awaitility.await("the restarted renderer's registry-change listener").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> registryListeners() >= listening);
        HttpResponse<String> afterRestart = get(gateway.url() + path);
        assertThat(afterRestart.headers().firstValue("X-Widget-Cache")).hasValue("L2");
        assertThat(afterRestart.body()).isEqualTo(burst.get(0).body());

        ObjectNode manifest = (ObjectNode) MAPPER.readTree(readManifest("hostile-test-addon"));
        manifest.put("version", "1.0.1");
        register(manifest.toString());
        // The registration is answered only once the renderer confirmed it dropped 1.0.0
        // (RendererNotice), so the very next request gets 1.0.1; it also pays the new container's cold start.
        HttpResponse<String> newVersion = get(gateway.url() + path);
        assertThat(newVersion.headers().firstValue("X-Widget-Version")).as("the first request after the registration").hasValue("1.0.1");
        assertThat(newVersion.headers().firstValue("X-Widget-Cache")).hasValue("MISS");
        assertThat(newVersion.body()).isNotEqualTo(burst.get(0).body());
    }

    @Test
    @Order(6)
    void withTheAddonUnreachableTheWidgetIsServedFromCacheMarkedStale() {
        String path = "/api/widgets/payment-gateway/checkout-form";
        HttpResponse<String> fresh = get(gateway.url() + path);
        assertThat(fresh.headers().firstValue("X-Widget-Stale")).isEmpty();

        runtime.close(); // the addon's containers can no longer be reached
        redis.commands().keys("themepress:widget:r:payment-gateway:*").forEach(k -> redis.commands().del(k));
        redis.commands().publish(REGISTRY_CHANGES, "payment-gateway");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(get(gateway.url() + path).headers().firstValue("X-Widget-Stale")).hasValue("true"));
        HttpResponse<String> stale = get(gateway.url() + path);

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(fresh.body());
        assertThat(stale.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).startsWith("110"));
        runtime = null;
    }

    /**
     * Issue 23 item 2: an addon container reaches the host through its network's gateway address. From
     * there it may knock on the public gateway, as anyone could, but on no internal service and not on
     * Redis: those listen on loopback. Runs before the stale test, which stops the runtime.
     */
    @Test
    @Order(4)
    void anAddonInsideTheSandboxReachesTheGatewayButNoInternalServiceNorRedis() throws Exception {
        JsonNode echo = post("/api/addons/hostile-test-addon/execute", "{\"action\":\"echo\",\"data\":{}}", developerKey);
        String hostSide = sandboxGatewayOf(echo.path("instanceId").asString());
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("addon-server", addonServer.port());
        ports.put("addon-runtime", runtime.port());
        ports.put("widget-renderer", rendererPort);
        ports.put("redis", redis.port());

        Map<String, Boolean> reached = new java.util.LinkedHashMap<>();
        ports.forEach((service, port) -> reached.put(service, connectsFromInside(hostSide, port)));

        assertThat(connectsFromInside(hostSide, gateway.port())).as("control: the public gateway answers on " + hostSide).isTrue();
        assertThat(reached).as("what the addon reached on " + hostSide).allSatisfy((service, connected) -> assertThat(connected).isFalse());
    }

    static boolean connectsFromInside(String host, int port) {
        JsonNode probe = post("/api/addons/hostile-test-addon/execute",
                "{\"action\":\"net-out\",\"data\":{\"host\":\"" + host + "\",\"port\":" + port + ",\"timeoutMs\":1500}}", developerKey);
        return probe.path("connected").asBoolean();
    }

    /** The host's address on the network of the container running {@code instanceId}. */
    static String sandboxGatewayOf(String instanceId) throws IOException, InterruptedException {
        String container = docker("ps", "-q", "--filter", "label=themepress.runtime=" + RUNTIME_ID,
                "--filter", "label=themepress.instance=" + instanceId).strip();
        assertThat(container).as("the container of instance " + instanceId).isNotEmpty();
        String network = docker("inspect", "-f", "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}{{end}}", container).strip();
        return docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", network).strip();
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** Subscribers of the registry-change channel: each renderer once its listener is connected. */
    static long registryListeners() {
        return redis.commands().pubsubNumsub(REGISTRY_CHANGES).getOrDefault(REGISTRY_CHANGES, 0L);
    }

    /** Types into a field of a framed widget after a real click on it (focus must come from the user to cross into the frame). */
    /**
     * Clicks into the field and types, as a visitor would; when the typing did not land there (a click while
     * the page still moved went elsewhere, and the form then refused to submit with a field empty), the field
     * is cleared and it is done once more.
     */
    static void fill(Chromium chromium, String frameTest, String field, String text) {
        String value = "document.querySelector('input[name=" + field + "]').value";
        for (int attempt = 0; attempt < 3; attempt++) {
            chromium.evaluateInFrame(frameTest, "(() => { " + value + " = ''; return true; })()");
            clickInFrame(chromium, "checkout-form", frameTest, "input[name=" + field + "]");
            chromium.type(text);
            if (text.equals(chromium.evaluateInFrame(frameTest, value).asString(""))) {
                return;
            }
        }
        throw new AssertionError("could not type into the field " + field);
    }

    /** The widget's frame scrolled into view, and its place on the page. */
    static JsonNode frameBox(Chromium chromium, String widget) {
        return chromium.evaluate("(() => { const f = document.querySelector('themepress-widget[data-widget=\"" + widget + "\"]')"
                + ".shadowRoot.querySelector('iframe'); f.scrollIntoView(); const r = f.getBoundingClientRect();"
                + " return {x: r.x, y: r.y, height: r.height}; })()");
    }

    /** A real click on an element inside a widget's frame: the frame's place on the page plus the element's in the frame. */
    static void clickInFrame(Chromium chromium, String widget, String frameTest, String selector) {
        JsonNode frame = frameBox(chromium, widget);
        JsonNode at = chromium.evaluateInFrame(frameTest, "(() => { const r = document.querySelector('" + selector
                + "').getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        chromium.click(frame.path("x").asDouble() + at.path("x").asDouble(), frame.path("y").asDouble() + at.path("y").asDouble());
    }

    static long distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    static long pixelsNear(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 12 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) < 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) < 12) {
                    count++;
                }
            }
        }
        return count;
    }

    static String readManifest(String example) {
        try {
            return Files.readString(Path.of("..", "examples", example, "manifest.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void register(String manifest) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/addons/register"))
                .header("Content-Type", "application/json").header("X-API-Key", developerKey)
                .POST(HttpRequest.BodyPublishers.ofString(manifest)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    static JsonNode post(String path, String body, String key) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Content-Type", "application/json").header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return MAPPER.readTree(response.body());
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} GETs of {@code url} at once, straight to an internal service (with the service key). */
    static List<HttpResponse<String>> concurrently(String url, int count) {
        ExecutorService executor = Executors.newFixedThreadPool(64);
        try {
            HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("X-Service-Key", SERVICE_KEY)
                        .timeout(Duration.ofSeconds(90)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdownNow();
        }
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
