package com.themepress.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.themepress.it.support.ServiceJar;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.browser.Chromium;
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console (issue 22) in headless Chromium, against the whole chain from its jars: a site admin
 * installs payment-gateway with the generated form while the real renderer previews it, upgrades and
 * rolls back; a developer registers a broken manifest and sees each error at its member; the operator
 * replays a dead letter. Screenshots go to target/console-screenshots/.
 */
@RequiresChromium
@RequiresRedisServer
@RequiresDockerImage({ConsoleBrowserTests.PAYMENT_IMAGE, ConsoleBrowserTests.HOSTILE_IMAGE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

    static final String PAYMENT_IMAGE = "themepress/addon-payment-gateway:1.0.0";
    static final String HOSTILE_IMAGE = "themepress/addon-hostile-test-addon:1.0.0";
    static final String ADMIN_KEY = "console-admin-" + UUID.randomUUID();
    static final String SERVICE_KEY = "console-service-" + UUID.randomUUID();
    static final String RUNTIME_ID = "console-" + UUID.randomUUID().toString().substring(0, 8);
    static final String SITE = "console-shop";
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static List<ServiceJar> services = new ArrayList<>();
    static ServiceJar gateway;
    static Path data;
    static String developerKey;
    static String siteKey;

    Chromium chromium;
    ConsoleDriver console;

    @BeforeAll
    static void startTheChain() throws Exception {
        redis = RedisServer.start();
        data = Files.createTempDirectory("console-addon-server-");
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.service-key", SERVICE_KEY);
        int runtimePort = FreePorts.next();
        int addonServerPort = FreePorts.next();
        int rendererPort = FreePorts.next();
        String runtimeUrl = "http://127.0.0.1:" + runtimePort;
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        services.add(ServiceJar.launch("addon-runtime", runtimePort, with(shared,
                "themepress.runtime.sandbox.runtime-id", RUNTIME_ID, "themepress.runtime.host-api.addon-server", addonServerUrl)));
        // one failed delivery makes a dead letter, so the operator has one to replay without waiting out the backoff
        services.add(ServiceJar.launch("addon-server", addonServerPort, with(shared,
                "themepress.storage.data-dir", data.toString(), "themepress.keys.admin-key", ADMIN_KEY,
                "themepress.runtime-client.url", runtimeUrl, "themepress.images.internal", "themepress/jre-base",
                "themepress.images.namespaces.console-tests", "themepress/addon-payment-gateway,themepress/addon-hostile-test-addon",
                "themepress.events.max-attempts", "1")));
        services.add(ServiceJar.launch("widget-renderer", rendererPort, with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtimeUrl)));
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared, "themepress.services.addon-server", addonServerUrl,
                "themepress.services.widget-renderer", "http://127.0.0.1:" + rendererPort));
        services.add(gateway);
        for (ServiceJar service : services) {
            service.awaitHealthy();
        }
        developerKey = call("POST", "/api/keys", "{\"developer\":\"console-tests\"}", ADMIN_KEY).path("key").asString();
        String payment = Files.readString(Path.of("..", "examples", "payment-gateway", "manifest.json"));
        call("POST", "/api/addons/register", payment, developerKey);
        ObjectNode next = (ObjectNode) MAPPER.readTree(payment);
        next.put("version", "1.1.0");
        ((tools.jackson.databind.node.ArrayNode) next.path("permissions")).add("site.read"); // an upgrade to it needs a grant
        call("POST", "/api/addons/register", next.toString(), developerKey);
        call("POST", "/api/addons/register", Files.readString(Path.of("..", "examples", "hostile-test-addon", "manifest.json")), developerKey);
        siteKey = call("POST", "/api/sites", "{\"id\":\"" + SITE + "\",\"name\":\"Console shop\",\"origins\":[]}", ADMIN_KEY)
                .path("keys").path("secret").asString();
    }

    @AfterAll
    static void stopTheChain() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                .redirectErrorStream(true).start().waitFor();
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void openTheBrowser() {
        chromium = Chromium.launch();
        console = new ConsoleDriver(chromium);
    }

    @AfterEach
    void closeTheBrowser() {
        chromium.close();
    }

    @Test
    @Order(1)
    void aSiteAdminInstallsPaymentGatewayWithTheGeneratedFormWhileThePreviewFollowsTheConfig() throws Exception {
        signIn(siteKey);
        console.awaitText(".who", t -> t.contains("Site " + SITE), "signed in as the site");
        // not asserted (speed is measured by bench/, not by tests): kept beside the screenshots
        Files.createDirectories(ConsoleDriver.SCREENSHOTS);
        Files.writeString(ConsoleDriver.SCREENSHOTS.resolve("first-screen-timing.json"), console.js("JSON.stringify(performance"
                + ".getEntriesByType('navigation').map(n => ({domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd})))").asString());
        assertThat(console.js("location.href + sessionStorage.length").asString()).doesNotContain(siteKey.substring(3, 20));

        console.choose("#cat", "ecommerce");
        console.awaitValue("the ecommerce addons", "[...document.querySelectorAll('.card[data-addon]')].map(c => c.dataset.addon).join()",
                v -> v.asString("").equals("payment-gateway"));
        console.click(".card[data-addon=payment-gateway] h2 a");
        console.awaitText("#addon-title", "payment-gateway"::equals, "the addon's page");
        console.awaitText("article", t -> t.contains("checkout-form") && t.contains("storage.write") && t.contains("1.1.0")
                && t.contains("process-payment"), "its versions, widgets, endpoints and permissions");
        console.screenshot("00-catalogue-addon");

        chromium.navigate(gateway.url() + "/console/#/install/payment-gateway");
        String title = "#f-config-widgets-checkout-form-title";
        String checkoutPreview = "iframe[data-widget=checkout-form]";
        console.awaitValue("the default render", "document.querySelector('" + checkoutPreview + "').srcdoc", v -> v.asString("").contains(">Checkout<"));
        assertThat(console.js("document.querySelector('" + title + "').value").asString()).as("the schema's default").isEqualTo("Checkout");
        assertThat(console.js("document.querySelector('label[for=\"f-config-widgets-checkout-form-amount\"]').textContent").asString()).isEqualTo("amount");
        assertThat(console.js("document.querySelector('" + checkoutPreview + "').getAttribute('sandbox')").asString()).as("no script, opaque origin").isEmpty();

        console.type(title, "Pay the console shop");
        console.awaitValue("the preview re-rendered with the new title", "document.querySelector('" + checkoutPreview + "').srcdoc",
                v -> v.asString("").contains(">Pay the console shop<"));
        console.type("#f-config-widgets-checkout-form-buttonLabel", "Buy it");
        console.awaitValue("the preview shows the new button label", "document.querySelector('" + checkoutPreview + "').srcdoc",
                v -> v.asString("").contains("Buy it"));
        console.screenshot("01-install-preview");

        // a value the schema refuses: the renderer's pointer lands at the field while typing, the installation's on submit
        console.type("#f-config-widgets-checkout-form-currency", "dollars");
        console.awaitText("[data-pointer=\"/config/widgets/checkout-form/currency\"] .field-errors", t -> !t.isBlank(),
                "the preview's refusal shown at the currency field");
        console.check("#grant-events\\.publish");
        console.click("form.install button[type=submit]");
        console.awaitValue("the server's 400 at the field", "document.querySelector('[role=alert]') !== null", JsonNode::asBoolean);
        assertThat(console.js("document.querySelector('#f-config-widgets-checkout-form-currency').getAttribute('aria-invalid')").asString())
                .isEqualTo("true");
        assertThat(installation()).as("nothing installed").isNull();
        console.screenshot("02-install-error-at-field");

        console.type("#f-config-widgets-checkout-form-currency", "EUR");
        console.check("#grant-storage\\.read");
        console.check("#grant-storage\\.write");
        console.click("form.install button[type=submit]");
        console.awaitText(".notice", t -> t.contains("is installed"), "installed");
        JsonNode installed = installation();
        assertThat(installed.path("version").asString()).isEqualTo("1.1.0");
        assertThat(installed.path("config").path("widgets").path("checkout-form").path("title").asString()).isEqualTo("Pay the console shop");
        assertThat(installed.path("config").path("widgets").path("checkout-form").path("currency").asString()).isEqualTo("EUR");
        List<String> grant = new ArrayList<>();
        installed.path("grant").forEach(g -> grant.add(g.asString()));
        assertThat(grant).containsExactlyInAnyOrder("events.publish", "storage.read", "storage.write");
        console.screenshot("03-installed");
    }

    @Test
    @Order(2)
    void theSiteAdminUpgradesThenRollsBackAndTheAuditLogSaysSo() throws Exception {
        call("PUT", "/api/sites/" + SITE + "/addons/payment-gateway", "{\"version\":\"1.0.0\"}", siteKey);
        signIn(siteKey);
        chromium.navigate(gateway.url() + "/console/#/site");
        String version = ".installation[data-addon=payment-gateway] .version";
        console.awaitText(version, "1.0.0"::equals, "the installed version");

        console.choose("#upgrade-payment-gateway", "1.1.0");
        console.click(".installation[data-addon=payment-gateway] button[type=submit]");
        // 1.1.0 asks for site.read, which 1.0.0 did not: the server's 409 lands at the grant it names
        console.awaitText(".installation[data-addon=payment-gateway] .grant .field-errors", t -> t.contains("site.read"), "grant required");
        console.screenshot("04a-grant-required");
        console.check("#grant-payment-gateway-site\\.read");
        console.click(".installation[data-addon=payment-gateway] button[type=submit]");
        console.awaitText(version, "1.1.0"::equals, "upgraded");
        assertThat(installation().path("grant").toString()).contains("site.read");
        console.screenshot("04-upgraded");
        console.click(".installation[data-addon=payment-gateway] button[type=button]");
        console.awaitText(version, "1.0.0"::equals, "rolled back");
        console.awaitText("table.audit tbody", t -> t.contains("rolled-back") && t.contains("upgraded"), "the audit log");
        assertThat(installation().path("version").asString()).isEqualTo("1.0.0");
        console.screenshot("05-rolled-back");

        console.click(".installation[data-addon=payment-gateway] a.button-link");
        console.awaitText("#install-title", t -> t.startsWith("Configure payment-gateway"), "the configure form");
        console.awaitValue("the saved title in its field", "document.querySelector('#f-config-widgets-checkout-form-title').value",
                v -> v.asString("").equals("Pay the console shop"));
        console.type("#f-config-widgets-checkout-form-buttonLabel", "Pay up");
        console.click("form.install button[type=submit]");
        console.awaitText(".notice", t -> t.contains("reconfigured"), "reconfigured");
        assertThat(installation().path("config").path("widgets").path("checkout-form").path("buttonLabel").asString()).isEqualTo("Pay up");
        assertThat(installation().path("version").asString()).as("the version is kept").isEqualTo("1.0.0");
    }

    @Test
    @Order(3)
    void aDeveloperRegistersABrokenManifestAndSeesEachErrorAtItsMember() throws Exception {
        ObjectNode broken = (ObjectNode) MAPPER.readTree(Files.readString(Path.of("..", "examples", "payment-gateway", "manifest.json")));
        broken.put("version", "one");
        broken.put("category", "toys");
        ((ObjectNode) broken.path("widgets").get(0)).put("name", "Checkout Form");
        broken.remove("author");
        Path file = Files.createTempFile("broken-manifest-", ".json");
        Files.writeString(file, broken.toString());
        HttpResponse<String> refused = send("POST", "/api/addons/register", broken.toString(), developerKey);
        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> pointers = new ArrayList<>();
        MAPPER.readTree(refused.body()).path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
        assertThat(pointers).as(refused.body()).hasSizeGreaterThanOrEqualTo(3);

        signIn(developerKey);
        console.awaitText(".who", t -> t.contains("Developer console-tests"), "signed in as the developer");
        chromium.navigate(gateway.url() + "/console/#/developer");
        console.awaitValue("the developer view", "document.querySelector('#manifest-file') !== null", JsonNode::asBoolean);
        console.upload("#manifest-file", file);
        console.click("form button[type=submit]");
        console.awaitValue("errors placed in the tree", "document.querySelectorAll('.manifest-tree .field-errors li').length",
                v -> v.asInt() == pointers.size());
        for (String pointer : pointers) {
            JsonNode shown = console.js("(() => { const doc = " + broken + "; let at = '', node = doc;"
                    + " for (const k of " + ConsoleDriver.quote(pointer) + ".split('/').slice(1)) { if (node == null || typeof node !== 'object' || !(k in node)) break; node = node[k]; at += '/' + k; }"
                    + " const e = document.querySelector('.manifest-tree [data-pointer=\"' + at + '\"]');"
                    + " return e ? [...e.querySelectorAll(':scope > .field-errors li')].map(li => li.textContent).join('|') : null; })()");
            assertThat(shown.asString("")).as("an error shown at " + pointer).isNotBlank();
        }
        assertThat(pointers).as(refused.body()).contains("/category", "/widgets/0/name");
        console.screenshot("06-broken-manifest");

        // payment-gateway 1.1.0 is installed nowhere now (the site rolled back to 1.0.0): its developer may withdraw it
        String row = ".card[data-addon=payment-gateway] tr[data-version=\"1.1.0\"]";
        console.awaitText(row, t -> t.contains("active"), "1.1.0 listed as active");
        assertThat(console.text(".card[data-addon=payment-gateway] .stats")).as("its calls").contains("Executions");
        console.js("window.confirm = () => true");
        console.click(row + " button");
        console.awaitText(row, t -> t.contains("withdrawn"), "1.1.0 withdrawn");
        // 1.0.0 is installed on the site: the refusal (409 version-in-use) is shown as the server gave it
        console.click(".card[data-addon=payment-gateway] tr[data-version=\"1.0.0\"] button");
        console.awaitText(".card[data-addon=payment-gateway] [role=alert]", t -> t.contains("409") && t.contains(SITE), "the refusal");
        console.screenshot("06b-withdraw");
    }

    @Test
    @Order(4)
    void theOperatorReplaysADeadLetterAtPhoneWidth() throws Exception {
        call("POST", "/api/events", "{\"type\":\"test.console\",\"source\":\"hostile-test-addon\",\"data\":{\"fail\":true}}", ADMIN_KEY);
        org.awaitility.Awaitility.await("a dead letter").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", "/api/events/dead-letters?status=dead", null, ADMIN_KEY).path("items").size(), n -> n > 0);
        chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));

        signIn(ADMIN_KEY);
        chromium.navigate(gateway.url() + "/console/#/operator");
        console.awaitValue("the dead letter listed", "document.querySelectorAll('table.dead-letters tbody tr').length", v -> v.asInt() > 0);
        String id = console.js("document.querySelector('table.dead-letters tbody tr').dataset.deadLetter").asString();
        console.click("table.dead-letters tbody tr button");
        console.awaitText(".notice", t -> t.contains("Replayed " + id), "replayed");
        JsonNode letter = call("GET", "/api/events/dead-letters/" + id, null, ADMIN_KEY);
        assertThat(letter.path("replays").asInt()).isEqualTo(1);
        String wide = console.js("[...document.querySelectorAll('body *')].filter(e => (!e.closest('.scroll') || getComputedStyle(e).position === 'absolute') && e.getBoundingClientRect().right > 391)"
                + ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')").asString();
        assertThat(console.js("document.documentElement.scrollWidth").asInt()).as("no sideways scrolling at 390 px: " + wide)
                .isLessThanOrEqualTo(390);
        console.choose("#inst-addon", "hostile-test-addon");
        console.awaitValue("the subscriber's instance", "document.querySelectorAll('table.instances tbody tr').length", v -> v.asInt() > 0);
        console.screenshot("07-dead-letter-replayed-390px");
    }

    /** Signs in with the keyboard only: the key typed into its labelled field, then Enter. */
    void signIn(String key) {
        chromium.navigate(gateway.url() + "/console/");
        console.awaitValue("the sign-in form", "document.querySelector('label[for=api-key]') !== null", JsonNode::asBoolean);
        console.type("#api-key", key);
        console.pressEnter();
        console.awaitValue("signed in", "document.querySelector('.who') !== null", JsonNode::asBoolean);
    }

    static JsonNode installation() {
        HttpResponse<String> response = send("GET", "/api/sites/" + SITE + "/addons/payment-gateway", null, siteKey);
        return response.statusCode() == 404 ? null : MAPPER.readTree(response.body());
    }

    static JsonNode call(String method, String path, String body, String key) {
        HttpResponse<String> response = send(method, path, body, key);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return MAPPER.readTree(response.body());
    }

    static HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).header("X-API-Key", key)
                .timeout(Duration.ofSeconds(90)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
