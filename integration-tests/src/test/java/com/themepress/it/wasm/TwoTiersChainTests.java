package com.themepress.it.wasm;

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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.it.support.ServiceJar;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21: through the gateway, the WebAssembly example (examples/wasm-guestbook, built by this
 * build) and container examples (inventory, fed by payment-gateway's event) are driven the same
 * way: registered, installed on a site with storage granted, an endpoint called with the site's key,
 * a widget rendered for the site, an event delivered to a handler that writes storage. Both answer
 * as containers do. The four services from their jars, a real Redis, the examples' images.
 */
@RequiresRedisServer
@RequiresDockerImage({TwoTiersChainTests.PAYMENT, TwoTiersChainTests.INVENTORY})
class TwoTiersChainTests {

    static final String PAYMENT = "themepress/addon-payment-gateway:1.0.0";
    static final String INVENTORY = "themepress/addon-inventory:1.0.0";
    static final Path MODULE = Path.of("..", "examples", "wasm-guestbook", "target", "wasm-guestbook.wasm");
    static final String ADMIN_KEY = "tiers-admin-" + UUID.randomUUID();
    static final String TOKEN_KEY = "tiers-token-key-" + UUID.randomUUID();
    static final String RUNTIME_ID = "tiers-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static final List<ServiceJar> services = new ArrayList<>();
    static ServiceJar gateway;
    static String secret;

    @BeforeAll
    static void startThePlatform() throws Exception {
        assertThat(MODULE).as("the example module, built by examples/wasm-guestbook").exists();
        redis = RedisServer.start();
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.host-api.token-key", TOKEN_KEY);
        int runtimePort = FreePorts.next();
        int addonServerPort = FreePorts.next();
        int rendererPort = FreePorts.next();
        String runtimeUrl = "http://127.0.0.1:" + runtimePort;
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        ServiceJar runtime = ServiceJar.launch("addon-runtime", runtimePort, with(shared, "themepress.runtime.sandbox.runtime-id", RUNTIME_ID,
                "themepress.runtime.host-api.addon-server", addonServerUrl, "themepress.runtime.wasm.module-source", addonServerUrl));
        ServiceJar addonServer = ServiceJar.launch("addon-server", addonServerPort, with(shared,
                "themepress.storage.data-dir", Files.createTempDirectory("tiers-addon-server-").toString(),
                "themepress.keys.admin-key", ADMIN_KEY, "themepress.runtime-client.url", runtimeUrl,
                "themepress.events.read-block", "500ms"));
        ServiceJar renderer = ServiceJar.launch("widget-renderer", rendererPort, with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtimeUrl));
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared, "themepress.services.addon-server", addonServerUrl,
                "themepress.services.widget-renderer", "http://127.0.0.1:" + rendererPort, "themepress.rate-limit.enabled", "false"));
        services.addAll(List.of(runtime, addonServer, renderer, gateway));
        for (ServiceJar service : services) {
            service.awaitHealthy();
        }
        String examples = json(send("POST", "/api/keys", "{\"developer\":\"examples\"}", ADMIN_KEY)).path("key").asString();
        for (String example : List.of("wasm-guestbook", "payment-gateway", "inventory")) {
            HttpResponse<String> registered = send("POST", "/api/addons/register",
                    Files.readString(Path.of("..", "examples", example, "manifest.json")), examples);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }
        HttpRequest upload = HttpRequest.newBuilder(URI.create(gateway.url() + "/api/addons/wasm-guestbook/versions/1.0.0/module"))
                .timeout(Duration.ofSeconds(60)).header("X-API-Key", examples).header("Content-Type", "application/wasm")
                .PUT(HttpRequest.BodyPublishers.ofFile(MODULE)).build();
        HttpResponse<String> uploaded = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

        HttpResponse<String> site = send("POST", "/api/sites", "{\"id\":\"shop\",\"name\":\"Shop\",\"origins\":[]}", ADMIN_KEY);
        assertThat(site.statusCode()).as(site.body()).isEqualTo(201);
        secret = json(site).path("keys").path("secret").asString();
        Map<String, String> grants = Map.of(
                "wasm-guestbook", "[\"events.publish\",\"events.subscribe\",\"storage.read\",\"storage.write\"]",
                "payment-gateway", "[\"events.publish\",\"storage.read\",\"storage.write\"]",
                "inventory", "[\"events.publish\",\"events.subscribe\",\"storage.read\",\"storage.write\"]");
        for (String example : List.of("wasm-guestbook", "payment-gateway", "inventory")) {
            HttpResponse<String> installed = send("POST", "/api/sites/shop/addons", "{\"addon\":\"" + example + "\",\"grant\":"
                    + grants.get(example) + "}", secret);
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                .redirectErrorStream(true).start().waitFor();
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theWasmAddonsEndpointWidgetAndEventHandlerWorkLikeAContainers() throws Exception {
        HttpResponse<String> signed = send("POST", "/api/addons/wasm-guestbook/execute",
                "{\"action\":\"sign\",\"data\":{\"name\":\"Ada\",\"message\":\"Lovely <site>\"}}", secret);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(signed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json(signed).path("count").asInt()).isEqualTo(1);

        HttpResponse<String> invalid = send("POST", "/api/addons/wasm-guestbook/execute", "{\"action\":\"sign\",\"data\":{}}", secret);
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);

        Awaitility.await("the event handler counted the event in storage").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored("wasm-guestbook", "stats", "events").path("data").path("seen").asInt() == 1);

        HttpResponse<String> widget = send("GET", "/api/widgets/wasm-guestbook/guestbook?site=shop", null, null);
        assertThat(widget.statusCode()).as(widget.body()).isEqualTo(200);
        assertThat(widget.body()).contains("1 signatures").contains("Ada").contains("Lovely &lt;site&gt;");
    }

    @Test
    void theModulesHostFunctionsAreHeldToTheSitesGrantAsAContainersRequestsAre() throws Exception {
        HttpResponse<String> site = send("POST", "/api/sites", "{\"id\":\"kiosk\",\"name\":\"Kiosk\",\"origins\":[]}", ADMIN_KEY);
        assertThat(site.statusCode()).as(site.body()).isEqualTo(201);
        String kiosk = json(site).path("keys").path("secret").asString();
        HttpResponse<String> installed = send("POST", "/api/sites/kiosk/addons",
                "{\"addon\":\"wasm-guestbook\",\"grant\":[\"storage.read\"]}", kiosk);
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);

        HttpResponse<String> refused = send("POST", "/api/addons/wasm-guestbook/execute",
                "{\"action\":\"sign\",\"data\":{\"name\":\"Eve\",\"message\":\"hi\"}}", kiosk);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(json(refused).path("type").asString()).endsWith("/permission-denied");
        assertThat(json(refused).path("permission").asString()).isEqualTo("storage.write");
    }

    @Test
    void theContainerAddonsEndpointWidgetAndEventHandlerWorkTheSameWay() throws Exception {
        HttpResponse<String> stocked = send("POST", "/api/addons/inventory/execute",
                "{\"action\":\"update-stock\",\"data\":{\"sku\":\"mug\",\"quantity\":10}}", secret);
        assertThat(stocked.statusCode()).as(stocked.body()).isEqualTo(200);

        HttpResponse<String> paid = send("POST", "/api/addons/payment-gateway/execute", "{\"action\":\"process-payment\",\"data\":{"
                + "\"amount\":25,\"currency\":\"EUR\",\"method\":\"card\",\"orderId\":\"o-1\",\"email\":\"ada@example.com\","
                + "\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}}", secret);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        Awaitility.await("the event handler took the stock").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> json(send("POST", "/api/addons/inventory/execute",
                        "{\"action\":\"check-availability\",\"data\":{\"sku\":\"mug\"}}", secret)).path("available").asInt() == 8);

        HttpResponse<String> widget = send("GET", "/api/widgets/inventory/stock-display?site=shop", null, null);
        assertThat(widget.statusCode()).as(widget.body()).isEqualTo(200);
    }

    private static JsonNode stored(String addon, String collection, String id) throws IOException, InterruptedException {
        HttpResponse<String> read = send("GET", "/api/sites/shop/addons/" + addon + "/storage/" + collection + "/" + id, null, secret);
        return read.statusCode() == 200 ? json(read) : MAPPER.createObjectNode();
    }

    static JsonNode json(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }

    static HttpResponse<String> send(String method, String path, String body, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
