package com.themepress.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

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
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo that {@code ./platform.sh} sets up, for real: {@code scripts/demo.sh} against the four
 * services from their jars (Redis, containers of the example images), then the gateway's demo page in
 * headless Chromium, showing the site's widgets in both forms and taking a payment through the
 * checkout widget with the site's publishable key. The screenshot is kept in
 * {@code integration-tests/target/demo-site-browser.png}.
 */
@RequiresChromium
@RequiresRedisServer
@RequiresDockerImage({DemoSiteBrowserTests.PAYMENT_IMAGE, DemoSiteBrowserTests.INVENTORY_IMAGE, DemoSiteBrowserTests.EMAIL_IMAGE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSiteBrowserTests {

    static final String PAYMENT_IMAGE = "themepress/addon-payment-gateway:1.0.0";
    static final String INVENTORY_IMAGE = "themepress/addon-inventory:1.0.0";
    static final String EMAIL_IMAGE = "themepress/addon-email-marketing:1.0.0";
    static final String ADMIN_KEY = "demo-admin-" + UUID.randomUUID();
    static final String SERVICE_KEY = "demo-service-" + UUID.randomUUID();
    static final String RUNTIME_ID = "demo-site-" + UUID.randomUUID().toString().substring(0, 8);
    static final String CHECKOUT = "document.querySelector('form[data-tp-checkout]') !== null";
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static List<ServiceJar> services = new ArrayList<>();
    static ServiceJar gateway;
    static Path state;
    static Script firstRun;

    record Script(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void startThePlatformAndSetUpTheDemo() throws Exception {
        redis = RedisServer.start();
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.service-key", SERVICE_KEY);
        int runtimePort = FreePorts.next();
        int addonServerPort = FreePorts.next();
        int rendererPort = FreePorts.next();
        String runtimeUrl = "http://127.0.0.1:" + runtimePort;
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        // The services as ./platform.sh starts them: the images' rules are the defaults.
        services.add(ServiceJar.launch("addon-runtime", runtimePort, with(shared, "themepress.runtime.sandbox.runtime-id", RUNTIME_ID,
                "themepress.runtime.host-api.addon-server", addonServerUrl)));
        services.add(ServiceJar.launch("addon-server", addonServerPort, with(shared,
                "themepress.storage.data-dir", Files.createTempDirectory("demo-addon-server-").toString(),
                "themepress.keys.admin-key", ADMIN_KEY, "themepress.runtime-client.url", runtimeUrl)));
        services.add(ServiceJar.launch("widget-renderer", rendererPort, with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtimeUrl)));
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared, "themepress.services.addon-server", addonServerUrl,
                "themepress.services.widget-renderer", "http://127.0.0.1:" + rendererPort));
        services.add(gateway);
        for (ServiceJar service : services) {
            service.awaitHealthy();
        }
        state = Path.of("target", "demo-state-" + RUNTIME_ID).toAbsolutePath();
        firstRun = demoScript();
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        Process rm = new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                .redirectErrorStream(true).start();
        rm.waitFor();
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void theScriptMakesTheSiteWithTheExamplesAndPrintsItsKeysOnce() throws Exception {
        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        String secret = siteKey("secret");
        String publishable = siteKey("publishable");
        assertThat(secret).startsWith("sk_demo_");
        assertThat(firstRun.err()).contains(secret).contains(publishable);
        assertThat(firstRun.out().strip()).isEqualTo(gateway.url() + "/demo/?key=" + publishable);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("site-keys")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("examples-key")))).isEqualTo("rw-------");
        JsonNode site = MAPPER.readTree(get("/api/sites/demo", secret).body());
        assertThat(site.path("origins").toString()).isEqualTo("[\"http://localhost:" + gateway.port() + "\",\"http://127.0.0.1:"
                + gateway.port() + "\"]");
        List<String> installed = new ArrayList<>();
        MAPPER.readTree(get("/api/sites/demo/addons", secret).body()).forEach(i -> installed.add(i.path("addon").asString()));
        assertThat(installed).containsExactlyInAnyOrder("payment-gateway", "inventory", "email-marketing");
        assertThat(get("/api/widgets/payment-gateway/checkout-form?site=demo", null).statusCode()).as("the full example manifest")
                .isEqualTo(200);

        Script again = demoScript();

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(firstRun.out());
        assertThat(again.err()).doesNotContain(secret).doesNotContain("created").doesNotContain("installed").doesNotContain("registered");
        assertThat(siteKey("secret")).isEqualTo(secret);
        assertThat(get("/api/sites/demo/keys", secret).body()).doesNotContain("\"revokedAt\":\"");
    }

    @Test
    @Order(2)
    void theDemoPageShowsBothFormsAndTakesAPaymentWithThePublishableKey() throws Exception {
        try (Chromium chromium = Chromium.launch()) {
            chromium.navigate(firstRun.out().strip());
            Awaitility.await("every widget inserted").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> chromium.evaluate("document.body.dataset.widgets || ''").asString(""), "loaded"::equals);
            JsonNode page = chromium.evaluate("(() => { const w = n => document.querySelector('themepress-widget[data-widget=\"' + n + '\"]');"
                    + " const text = (n, s) => w(n).shadowRoot.querySelector(s).textContent;"
                    + " return {failed: document.querySelectorAll('.demo-slot[data-state=failed]').length,"
                    + " key: document.querySelector('meta[name=themepress-key]').content,"
                    + " stock: text('stock-display', '.tp-inv-badge'), table: text('inventory-table', 'caption'),"
                    + " alert: text('low-stock-alert', 'h3'), stockForm: w('stock-display').dataset.form || 'in-page',"
                    + " checkoutForm: w('checkout-form').dataset.form, newsletterForm: w('newsletter-signup').dataset.form,"
                    + " checkoutFrame: w('checkout-form').shadowRoot.querySelector('iframe').getAttribute('sandbox')}; })()");
            assertThat(page.path("failed").asInt()).as(chromium.console().toString()).isZero();
            assertThat(page.path("key").asString()).isEqualTo(siteKey("publishable"));
            assertThat(page.path("stockForm").asString()).as("a widget without script is an in-page fragment").isEqualTo("in-page");
            assertThat(page.path("stock").asString()).as("the saved config's sku").isEqualTo("In stock (40)");
            assertThat(page.path("table").asString()).as("the saved config's title").isEqualTo("Demo stock");
            assertThat(page.path("alert").asString()).isEqualTo("Low stock");
            assertThat(page.path("checkoutForm").asString()).as("a widget with script is a sandboxed frame").isEqualTo("frame");
            assertThat(page.path("newsletterForm").asString()).isEqualTo("frame");
            assertThat(page.path("checkoutFrame").asString()).isEqualTo("allow-scripts allow-forms");

            JsonNode form = chromium.evaluateInFrame(CHECKOUT, "(() => { const f = document.querySelector('form[data-tp-checkout]');"
                    + " return {currency: f.dataset.currency, amount: f.elements.amount.value, title: f.querySelector('h3').textContent}; })()");
            assertThat(form.path("currency").asString()).isEqualTo("EUR");
            assertThat(form.path("amount").asString()).isEqualTo("25");
            assertThat(form.path("title").asString()).isEqualTo("Demo checkout");

            WidgetChainBrowserTests.fill(chromium, CHECKOUT, "cardholder", "Ada Lovelace");
            WidgetChainBrowserTests.fill(chromium, CHECKOUT, "cardNumber", "4242 4242 4242 4242");
            WidgetChainBrowserTests.fill(chromium, CHECKOUT, "expiry", "12/30");
            WidgetChainBrowserTests.fill(chromium, CHECKOUT, "cvc", "123");
            WidgetChainBrowserTests.clickInFrame(chromium, "checkout-form", CHECKOUT, "button[type=submit]");
            Awaitility.await("the approval shown in the widget").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> chromium.evaluateInFrame(CHECKOUT, "document.querySelector('.tp-checkout__status').textContent").asString(""),
                            text -> text.startsWith("Payment approved"));
            chromium.evaluate("window.scrollTo(0, 0)");
            byte[] png = chromium.screenshot();
            Files.write(Path.of("target", "demo-site-browser.png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(WidgetChainBrowserTests.distinctColours(image)).as("a non-blank screenshot").isGreaterThan(50);
            assertThat(WidgetChainBrowserTests.pixelsNear(image, 0x1f6feb)).as("the checkout's blue button").isGreaterThan(1500);
        }
        // The call went through the bridge with the publishable key: its event carries the site.
        Awaitility.await("the payment's event, for site demo").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/events?site=demo&type=payment.*&size=10", ADMIN_KEY).body(),
                        body -> body.contains("\"source\":\"payment-gateway\""));
    }

    @Test
    @Order(3)
    void thePublishableKeyIsRefusedFromAnotherOriginAndAnAddonNotInstalledHasNoWidgets() {
        String payment = "{\"action\":\"process-payment\",\"data\":{\"amount\":5,\"currency\":\"EUR\",\"method\":\"card\"}}";

        HttpResponse<String> foreign = execute("payment-gateway", payment, siteKey("publishable"), "http://evil.example");
        HttpResponse<String> own = execute("payment-gateway", payment, siteKey("publishable"), "http://127.0.0.1:" + gateway.port());

        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains("/headers/Origin");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

        String developer = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/keys")).header("X-API-Key", ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"developer\":\"elsewhere\"}")))
                .body()).path("key").asString();
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/addons/register"))
                .header("X-API-Key", developer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"not-on-demo\",\"version\":\"1.0.0\",\"widgets\":[\"card\"],\"endpoints\":[\"ping\"]}")));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> absent = get("/api/widgets/not-on-demo/card?site=demo", null);
        HttpResponse<String> present = get("/api/widgets/inventory/stock-display?site=demo", null);

        assertThat(absent.statusCode()).as(absent.body()).isEqualTo(404);
        assertThat(absent.body()).contains("not installed");
        assertThat(present.statusCode()).isEqualTo(200);
    }

    static Script demoScript() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "scripts", "demo.sh").toString(), "--state", state.toString(),
                gateway.url());
        builder.environment().put("THEMEPRESS_KEYS_ADMIN_KEY", ADMIN_KEY);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("demo.sh finished").isTrue();
        return new Script(process.exitValue(), out, err.join());
    }

    static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String siteKey(String kind) {
        try {
            return Files.readAllLines(state.resolve("site-keys")).stream().filter(line -> line.startsWith(kind + "="))
                    .map(line -> line.substring(kind.length() + 1)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> execute(String addon, String body, String key, String origin) {
        return send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/addons/" + addon + "/execute")).header("X-API-Key", key)
                .header("Origin", origin).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return send(request);
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

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
