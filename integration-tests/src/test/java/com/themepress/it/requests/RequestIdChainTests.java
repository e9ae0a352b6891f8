package com.themepress.it.requests;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17 item 3: the request id a caller sends comes back on the answer and in a problem body, and
 * each service on the request's path logs under it: gateway, addon-server and runtime for an execute;
 * gateway (its widget edge), renderer and runtime for a widget. The four services from their jars, with
 * their request logs (debug level) on, a real Redis and the inventory example's container.
 */
@RequiresRedisServer
@RequiresDockerImage(RequestIdChainTests.INVENTORY)
class RequestIdChainTests {

    static final String INVENTORY = "themepress/addon-inventory:1.0.0";
    static final String ADMIN_KEY = "rid-admin-" + UUID.randomUUID();
    static final String RUNTIME_ID = "rid-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RedisServer redis;
    static final List<ServiceJar> services = new ArrayList<>();
    static ServiceJar runtime;
    static ServiceJar addonServer;
    static ServiceJar renderer;
    static ServiceJar gateway;
    static String developerKey;

    @BeforeAll
    static void startThePlatform() throws Exception {
        redis = RedisServer.start();
        Map<String, String> shared = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "logging.level.com.themepress.model.service.web.RequestIdFilter", "DEBUG");
        int runtimePort = FreePorts.next();
        int addonServerPort = FreePorts.next();
        int rendererPort = FreePorts.next();
        String runtimeUrl = "http://127.0.0.1:" + runtimePort;
        String addonServerUrl = "http://127.0.0.1:" + addonServerPort;
        runtime = ServiceJar.launch("addon-runtime", runtimePort, with(shared, "themepress.runtime.sandbox.runtime-id", RUNTIME_ID,
                "themepress.runtime.host-api.addon-server", addonServerUrl));
        addonServer = ServiceJar.launch("addon-server", addonServerPort, with(shared,
                "themepress.storage.data-dir", Files.createTempDirectory("rid-addon-server-").toString(),
                "themepress.keys.admin-key", ADMIN_KEY, "themepress.runtime-client.url", runtimeUrl));
        renderer = ServiceJar.launch("widget-renderer", rendererPort, with(shared,
                "themepress.upstreams.addon-server", addonServerUrl, "themepress.runtime-client.url", runtimeUrl));
        gateway = ServiceJar.launch("api-gateway", FreePorts.next(), with(shared, "themepress.services.addon-server", addonServerUrl,
                "themepress.services.widget-renderer", "http://127.0.0.1:" + rendererPort, "themepress.rate-limit.enabled", "false",
                "logging.level.com.themepress.gateway.requests.RequestIdFilter", "DEBUG",
                "logging.level.com.themepress.gateway.widgets.WidgetEdge", "DEBUG"));
        services.addAll(List.of(runtime, addonServer, renderer, gateway));
        for (ServiceJar service : services) {
            service.awaitHealthy();
        }
        developerKey = MAPPER.readTree(send("POST", "/api/keys", "{\"developer\":\"examples\"}", ADMIN_KEY, "rid-setup-1").body())
                .path("key").asString();
        HttpResponse<String> registered = send("POST", "/api/addons/register",
                Files.readString(Path.of("..", "examples", "inventory", "manifest.json")), developerKey, "rid-setup-2");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
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
    void anExecutesIdIsAnsweredAndLoggedByTheGatewayTheAddonServerAndTheRuntime() throws Exception {
        String id = "it-exec-" + UUID.randomUUID();

        HttpResponse<String> answer = send("POST", "/api/addons/inventory/execute",
                "{\"action\":\"check-availability\",\"data\":{\"sku\":\"rid-1\",\"quantity\":1}}", developerKey, id);

        // the addon's own answer (an unknown sku), so the call went all the way into its container
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("sku 'rid-1' is not in the inventory");
        assertThat(answer.headers().allValues("X-Request-Id")).containsExactly(id);
        awaitLogged(gateway, "(request id " + id + ")");
        awaitLogged(addonServer, "[" + id + "]");
        awaitLogged(runtime, "[" + id + "]");
    }

    @Test
    void aWidgetsIdIsAnsweredAndLoggedByTheWidgetEdgeTheRendererAndTheRuntime() throws Exception {
        String id = "it-widget-" + UUID.randomUUID();

        HttpResponse<String> answer = send("GET", "/api/widgets/inventory/stock-display", null, null, id);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().allValues("X-Request-Id")).containsExactly(id);
        awaitLogged(gateway, "(request id " + id + ")");
        awaitLogged(renderer, "[" + id + "]");
        awaitLogged(runtime, "[" + id + "]");
    }

    @Test
    void aProblemFromBehindTheGatewayNamesTheId() throws Exception {
        String id = "it-problem-" + UUID.randomUUID();

        HttpResponse<String> answer = send("POST", "/api/addons/inventory/execute", "{\"action\":\"no-such-endpoint\"}", developerKey, id);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(answer.body()).path("requestId").asString()).isEqualTo(id);
        awaitLogged(addonServer, "[" + id + "]");
    }

    @Test
    void anIdThatIsNoValidIdIsReplacedByOneOfTheGateways() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/addons/inventory", null, null, "not valid; id");

        assertThat(answer.statusCode()).isEqualTo(200);
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        awaitLogged(addonServer, "[" + id + "]");
    }

    static void awaitLogged(ServiceJar service, String text) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readString(service.log())).as("%s's log", service.log().getFileName()).contains(text));
    }

    static HttpResponse<String> send(String method, String path, String body, String key, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(60))
                .header("X-Request-Id", requestId)
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
