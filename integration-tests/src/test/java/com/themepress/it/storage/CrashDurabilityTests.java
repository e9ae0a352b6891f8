package com.themepress.it.storage;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.themepress.it.support.ServiceJar;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue "Nothing acknowledged is ever lost", section 2: the addon-server on its embedded store is
 * killed with SIGKILL while clients register addons, create keys and revoke them; after a restart on
 * the same files every write that was answered as done is there. With H2 committing in the background
 * this lost the last second of writes (117 of 786 registrations).
 */
@RequiresRedisServer
class CrashDurabilityTests {

    static final String ADMIN_KEY = "crash-admin-" + UUID.randomUUID();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RedisServer redis;
    Path data;
    ServiceJar server;
    Map<String, String> properties;

    @BeforeEach
    void start() throws IOException {
        redis = RedisServer.start();
        data = Files.createTempDirectory("crash-addon-server-");
        // hundreds of addons from one developer: the caps are this rig's to raise
        properties = Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.storage.data-dir", data.toString(), "themepress.keys.admin-key", ADMIN_KEY,
                "themepress.quotas.developer-memory-mb", "100000000", "themepress.quotas.developer-cpus", "100000",
                "themepress.quotas.developer-instances", "1000000");
        server = ServiceJar.start("addon-server", FreePorts.next(), properties);
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        redis.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void everyAcknowledgedRegistrationKeyAndRevocationSurvivesASigkill() throws Exception {
        String developerKey = post("/api/keys", "{\"developer\":\"crash-tests\"}", ADMIN_KEY).body().path("key").asString();
        String manifest = Files.readString(Path.of("..", "examples", "payment-gateway", "manifest.json"));
        ConcurrentLinkedQueue<String> registered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> keysMade = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> toRevoke = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> keysRevoked = new ConcurrentLinkedQueue<>();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (!crashed.get()) {
                    String name = "crash-" + next.incrementAndGet();
                    ObjectNode body = (ObjectNode) MAPPER.readTree(manifest);
                    body.put("name", name);
                    body.remove("image"); // its own, themepress/addon-<name>: the example's image is the examples'

                    if (post("/api/addons/register", body.toString(), developerKey).status() == 201) {
                        registered.add(name);
                    }
                }
                return null;
            });
        }
        clients.submit(() -> {
            while (!crashed.get()) {
                Answer made = post("/api/keys", "{\"developer\":\"crash-" + next.incrementAndGet() + "\"}", ADMIN_KEY);
                if (made.status() == 201) {
                    keysMade.add(made.body().path("id").asString());
                    if (keysMade.size() % 3 == 0) {
                        toRevoke.add(made.body().path("id").asString());
                    }
                }
            }
            return null;
        });
        clients.submit(() -> {
            while (!crashed.get()) {
                String id = toRevoke.poll();
                if (id != null && delete("/api/keys/" + id, ADMIN_KEY) == 204) {
                    keysRevoked.add(id);
                }
            }
            return null;
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> registered.size() >= 150 && keysMade.size() >= 20 && keysRevoked.size() >= 1);

        server.kill();
        crashed.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        server = ServiceJar.start("addon-server", server.port(), properties);

        Set<String> missingAddons = new HashSet<>();
        for (String name : registered) {
            if (get("/api/addons/" + name, null).status() != 200) {
                missingAddons.add(name);
            }
        }
        Map<String, Boolean> keys = keysInStore();
        List<String> missingKeys = keysMade.stream().filter(id -> !keys.containsKey(id)).toList();
        List<String> unrevoked = keysRevoked.stream().filter(id -> !Boolean.TRUE.equals(keys.get(id))).toList();
        assertThat(missingAddons).as("of %d registrations answered 201", registered.size()).isEmpty();
        assertThat(missingKeys).as("of %d keys answered 201", keysMade.size()).isEmpty();
        assertThat(unrevoked).as("of %d revocations answered 204", keysRevoked.size()).isEmpty();
    }

    /** Every key id in the store, with whether it is revoked. */
    Map<String, Boolean> keysInStore() {
        Map<String, Boolean> keys = new java.util.HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode listing = get("/api/keys?size=100&page=" + page, ADMIN_KEY).body();
            List<JsonNode> items = new ArrayList<>();
            listing.path("items").forEach(items::add);
            items.forEach(item -> keys.put(item.path("id").asString(), item.path("revoked").asBoolean()));
            if (items.isEmpty() || keys.size() >= listing.path("total").asInt()) {
                return keys;
            }
        }
    }

    record Answer(int status, JsonNode body) {
    }

    Answer post(String path, String json, String key) {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return send(request);
    }

    int delete(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("X-API-Key", key).DELETE()).status();
    }

    /** A request the crash cut off counts as not acknowledged: status 0. */
    static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body));
        } catch (IOException e) {
            return new Answer(0, MAPPER.createObjectNode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, MAPPER.createObjectNode());
        }
    }
}
