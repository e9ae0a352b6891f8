package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.Range;

/**
 * Redis with append-only persistence is killed (SIGKILL) in the middle of a publishing run and
 * started again: every event answered 202 is still in the stream afterwards and reaches the
 * subscriber; while Redis is away publishing answers 503, never anything else, and the server lives on.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.sweep-interval=100ms",
        "themepress.events.read-block=200ms",
        "themepress.events.claim-min-idle=2s"})
class RedisRestartTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static FakeRuntime runtime;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(true);
        runtime = new FakeRuntime();
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("themepress.runtime-client.url", runtime::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (redis != null) {
            redis.close();
        }
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Test
    void noAcknowledgedEventIsLostWhenRedisIsKilledAndRestarted() throws Exception {
        ApiClient api = new ApiClient(port);
        Reply registered = api.post("/api/addons/register", """
                {"name":"ledger","version":"1.0.0","events":{"subscribes":["sale.*"]},"permissions":["events.subscribe"]}""",
                api.developerKey("ledger-dev"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.execute(() -> {
                while (publishing.get()) {
                    Reply reply = api.post("/api/events", "{\"type\":\"sale.made\",\"source\":\"till\",\"data\":{}}", ApiClient.ADMIN_KEY);
                    if (reply.status() == 202) {
                        acknowledged.add(reply.json().path("id").asString());
                    } else {
                        refusals.add(reply.status());
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 300);
        redis.kill();
        int beforeRestart = acknowledged.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals.size() >= 20);
        redis.launch();
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= beforeRestart + 300);
        publishing.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(refusals).as("answers while Redis was away").containsOnly(503);
        Set<String> inRedis = ConcurrentHashMap.newKeySet();
        redis.commands().xrange("themepress:events:log", Range.create("-", "+"))
                .forEach(entry -> inRedis.add(entry.getBody().get("event").replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")));
        assertThat(inRedis).containsAll(acknowledged);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runtime.acknowledged("ledger").stream()
                .map(FakeRuntime.Delivery::eventId).collect(java.util.stream.Collectors.toSet())).containsAll(acknowledged));
        assertThat(KeyedGet.get(port, "/actuator/health", null).status()).isEqualTo(200);
    }
}
