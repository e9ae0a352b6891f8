package com.themepress.it.hostapi;

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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.themepress.it.support.ServiceJar;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.docker.RequiresDockerImage;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, the seed scenario on addon storage: the three examples installed on a site with storage
 * granted, inventory at two instances with calls alternating between them; payment.completed takes
 * the stock once and records one receipt; after the platform stops and starts again, the stock and
 * the receipt are still there. Real services from their jars, real containers of the examples (the
 * images tagged {@code themepress.test.example-tag}, default {@code 1.0.0}).
 */
@RequiresRedisServer
@RequiresDockerImage({SeedScenarioStorageTests.PAYMENT, SeedScenarioStorageTests.INVENTORY, SeedScenarioStorageTests.EMAIL})
class SeedScenarioStorageTests {

    static final String TAG = System.getProperty("themepress.test.example-tag", "1.0.0");
    static final String PAYMENT = "themepress/addon-payment-gateway:1.0.0";
    static final String INVENTORY = "themepress/addon-inventory:1.0.0";
    static final String EMAIL = "themepress/addon-email-marketing:1.0.0";
    static final String ADMIN_KEY = "seed-admin-" + UUID.randomUUID();
    static final String TOKEN_KEY = "seed-token-key-" + UUID.randomUUID();
    static final String RUNTIME_ID = "seed-storage-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, String> GRANTS = Map.of(
            "payment-gateway", "[\"events.publish\",\"storage.read\",\"storage.write\"]",
            "inventory", "[\"events.publish\",\"events.subscribe\",\"storage.read\",\"storage.write\"]",
            "email-marketing", "[\"events.subscribe\",\"storage.read\",\"storage.write\"]");

    RedisServer redis;
    ServiceJar runtime;
    ServiceJar addonServer;
    Path data;
    int runtimePort;
    int serverPort;
    String secret;

    @BeforeEach
    void start() throws IOException {
        redis = RedisServer.start(true);
        data = Files.createTempDirectory("seed-addon-server-");
        runtimePort = FreePorts.next();
        serverPort = FreePorts.next();
        startPlatform();
        String examples = post("/api/keys", "{\"developer\":\"examples\"}", ADMIN_KEY).json().path("key").asString();
        for (String example : GRANTS.keySet()) {
            String manifest = Files.readString(Path.of("..", "examples", example, "manifest.json"))
                    .replace("themepress/addon-" + example + ":1.0.0", "themepress/addon-" + example + ":" + TAG);
            if (example.equals("inventory")) {
                // two instances from the start, so that every call of the scenario alternates between them
                manifest = manifest.replace("\"minInstances\": 1,", "\"minInstances\": 2,");
                assertThat(manifest).contains("\"minInstances\": 2,");
            }
            Reply registered = post("/api/addons/register", manifest, examples);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
        Reply site = post("/api/sites", "{\"id\":\"shop\",\"name\":\"Shop\",\"origins\":[]}", ADMIN_KEY);
        assertThat(site.status()).as(site.body()).isEqualTo(201);
        secret = site.json().path("keys").path("secret").asString();
        for (String example : List.of("payment-gateway", "inventory", "email-marketing")) {
            Reply installed = post("/api/sites/shop/addons", "{\"addon\":\"" + example + "\",\"grant\":" + GRANTS.get(example) + "}", secret);
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        }
    }

    void startPlatform() {
        runtime = ServiceJar.launch("addon-runtime", runtimePort, Map.of("themepress.runtime.sandbox.runtime-id", RUNTIME_ID,
                "themepress.host-api.token-key", TOKEN_KEY, "themepress.runtime.host-api.addon-server", "http://127.0.0.1:" + serverPort));
        addonServer = ServiceJar.launch("addon-server", serverPort, Map.of("spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", String.valueOf(redis.port()), "themepress.storage.data-dir", data.toString(),
                "themepress.keys.admin-key", ADMIN_KEY, "themepress.runtime-client.url", "http://127.0.0.1:" + runtimePort,
                "themepress.host-api.token-key", TOKEN_KEY, "themepress.events.read-block", "500ms"));
        runtime.awaitHealthy();
        addonServer.awaitHealthy();
    }

    void stopPlatform() throws Exception {
        addonServer.close();
        runtime.close();
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                .redirectErrorStream(true).start().waitFor();
    }

    @AfterEach
    void stop() throws Exception {
        stopPlatform();
        if (redis != null) {
            redis.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void aPaymentTakesStockOnceAndSendsOneReceiptWithInventoryOnTwoInstancesAndTheStockOutlivesARestart() throws Exception {
        Reply seeded = execute("inventory", "{\"action\":\"update-stock\",\"data\":{\"sku\":\"mug\",\"quantity\":10}}");
        assertThat(seeded.status()).as(seeded.body()).isEqualTo(200);
        Awaitility.await("calls alternate between two inventory instances").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(this::callsAlternate);

        Reply paid = execute("payment-gateway", "{\"action\":\"process-payment\",\"data\":{\"amount\":25,\"currency\":\"EUR\",\"method\":\"card\","
                + "\"orderId\":\"o-1\",\"email\":\"ada@example.com\",\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        Awaitility.await("stock taken and receipt recorded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> available("mug") == 8 && receipts("ada@example.com") == 1);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> available("mug") == 8 && receipts("ada@example.com") == 1);

        stopPlatform();
        startPlatform();
        assertThat(available("mug")).as("the stock after a restart").isEqualTo(8);
        assertThat(receipts("ada@example.com")).isEqualTo(1);
    }

    private boolean callsAlternate() {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Reply reply = execute("inventory", "{\"action\":\"check-availability\",\"data\":{\"sku\":\"mug\"}}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            instances.add(reply.instance());
        }
        for (int i = 1; i < instances.size(); i++) {
            if (instances.get(i).equals(instances.get(i - 1))) {
                return false;
            }
        }
        return new HashSet<>(instances).size() == 2;
    }

    private int available(String sku) {
        Reply reply = execute("inventory", "{\"action\":\"check-availability\",\"data\":{\"sku\":\"" + sku + "\"}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("available").asInt();
    }

    private int receipts(String email) {
        Reply reply = execute("email-marketing", "{\"action\":\"outbox\",\"data\":{\"to\":\"" + email + "\"}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        int count = 0;
        for (JsonNode message : reply.json().path("messages")) {
            count += "receipt".equals(message.path("kind").asString()) ? 1 : 0;
        }
        return count;
    }

    private Reply execute(String addon, String body) {
        return post("/api/addons/" + addon + "/execute", body, secret);
    }

    private Reply post(String path, String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(addonServer.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("X-Instance-Id").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body, String instance) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }
    }
}
