package com.themepress.it.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
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

import io.lettuce.core.Range;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 26 section 3, as the operator found it: with Redis down, a shopper pays through
 * payment-gateway. Before, the payment went through and the shopper was told 503, and no stock was
 * taken nor receipt recorded. Now the shopper gets the approval; the addon-server is even killed
 * (SIGKILL) and restarted while Redis is away; once Redis is back, inventory takes the stock and
 * email-marketing records the receipt, each exactly once, and the stream holds the event once. Real
 * services from their jars, a real Redis with its append-only file, real containers of the examples.
 */
@RequiresRedisServer
@RequiresDockerImage({ExecuteOutboxChainTests.PAYMENT, ExecuteOutboxChainTests.INVENTORY, ExecuteOutboxChainTests.EMAIL})
class ExecuteOutboxChainTests {

    static final String PAYMENT = "themepress/addon-payment-gateway:1.0.0";
    static final String INVENTORY = "themepress/addon-inventory:1.0.0";
    static final String EMAIL = "themepress/addon-email-marketing:1.0.0";
    static final String ADMIN_KEY = "outbox-admin-" + UUID.randomUUID();
    static final String RUNTIME_ID = "outbox-chain-" + UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RedisServer redis;
    ServiceJar runtime;
    ServiceJar addonServer;
    Path data;
    Map<String, String> serverProperties;
    String examplesKey;

    @BeforeEach
    void start() throws IOException {
        redis = RedisServer.start(true);
        data = Files.createTempDirectory("outbox-addon-server-");
        int runtimePort = FreePorts.next();
        runtime = ServiceJar.launch("addon-runtime", runtimePort, Map.of("spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", String.valueOf(redis.port()), "themepress.runtime.sandbox.runtime-id", RUNTIME_ID));
        serverProperties = new HashMap<>(Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.storage.data-dir", data.toString(), "themepress.keys.admin-key", ADMIN_KEY,
                "themepress.runtime-client.url", "http://127.0.0.1:" + runtimePort,
                "themepress.events.outbox.relay-interval", "500ms", "themepress.events.read-block", "500ms"));
        addonServer = ServiceJar.launch("addon-server", FreePorts.next(), serverProperties);
        runtime.awaitHealthy();
        addonServer.awaitHealthy();
        examplesKey = post("/api/keys", "{\"developer\":\"examples\"}", ADMIN_KEY, null).json().path("key").asString();
        for (String example : new String[] {"payment-gateway", "inventory", "email-marketing"}) {
            Reply registered = post("/api/addons/register", Files.readString(Path.of("..", "examples", example, "manifest.json")), examplesKey, null);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable service : new AutoCloseable[] {addonServer, runtime}) {
            if (service != null) {
                service.close();
            }
        }
        new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f")
                .redirectErrorStream(true).start().waitFor();
        if (redis != null) {
            redis.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void aPaymentWhileRedisIsDownIsApprovedAndAfterwardsStockAndReceiptFollowExactlyOnce() throws Exception {
        String sku = "mug-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String order = "order-" + UUID.randomUUID();
        Reply seeded = execute("inventory", "{\"action\":\"update-stock\",\"data\":{\"sku\":\"" + sku + "\",\"quantity\":10}}", examplesKey, null);
        assertThat(seeded.status()).as(seeded.body()).isEqualTo(200);
        assertThat(receipts(email)).isZero(); // email-marketing's instance is up before Redis goes

        redis.kill();
        Reply paid = execute("payment-gateway", "{\"action\":\"process-payment\",\"data\":{\"amount\":25,\"currency\":\"EUR\",\"method\":\"card\","
                + "\"orderId\":\"" + order + "\",\"email\":\"" + email + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}}",
                null, UUID.randomUUID().toString());

        assertThat(paid.status()).as("the shopper's answer while Redis is down: " + paid.body()).isEqualTo(200);
        assertThat(paid.json().path("status").asString()).isEqualTo("approved");
        assertThat(outboxDepth()).isEqualTo(1);

        // a crash while the events wait: they are on disk, not in memory
        addonServer.kill();
        addonServer = ServiceJar.start("addon-server", addonServer.port(), serverProperties);
        assertThat(outboxDepth()).isEqualTo(1);
        assertThat(available(sku)).as("nothing taken while the event waits").isEqualTo(10);

        redis.launch();
        Awaitility.await("stock taken and receipt recorded").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> available(sku) == 8 && receipts(email) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outboxDepth() == 0);
        // several relay passes and reads later, nothing arrives twice
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> available(sku) == 8 && receipts(email) == 1);
        long inStream = redis.commands().xrange("themepress:events:log", Range.create("-", "+")).stream()
                .filter(entry -> "payment.completed".equals(entry.getBody().get("type")) && entry.getBody().get("event").contains(order))
                .count();
        assertThat(inStream).as("payment.completed entries for the order in the stream").isEqualTo(1);
    }

    private int available(String sku) {
        Reply reply = execute("inventory", "{\"action\":\"check-availability\",\"data\":{\"sku\":\"" + sku + "\",\"quantity\":1}}", null, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("available").asInt();
    }

    private int receipts(String email) {
        Reply reply = execute("email-marketing", "{\"action\":\"outbox\",\"data\":{\"to\":\"" + email + "\"}}", examplesKey, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        int count = 0;
        for (JsonNode message : reply.json().path("messages")) {
            count += "receipt".equals(message.path("kind").asString()) ? 1 : 0;
        }
        return count;
    }

    private long outboxDepth() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(addonServer.url() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("event_outbox_depth ") || line.startsWith("event_outbox_depth{"))
                .findFirst().map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no event_outbox_depth in /actuator/prometheus"));
    }

    private Reply execute(String addon, String body, String key, String idempotencyKey) {
        return post("/api/addons/" + addon + "/execute", body, key, idempotencyKey);
    }

    private Reply post(String path, String body, String key, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(addonServer.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }
    }
}
