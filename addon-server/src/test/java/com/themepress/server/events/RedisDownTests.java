package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * With no Redis at all the addon-server still starts and serves the registry; health says Redis is
 * DOWN, readiness stays UP, and the bus's own endpoints answer 503 problems instead of hanging.
 * When Redis appears later, publishing, delivery and broadcasts start working without a restart.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoint.health.show-components=always",
        "themepress.events.sweep-interval=100ms",
        "themepress.events.read-block=200ms"})
class RedisDownTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final int REDIS_PORT = FreePorts.next();
    static FakeRuntime runtime;
    static RedisServer lateRedis;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        runtime = new FakeRuntime();
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
        registry.add("themepress.runtime-client.url", runtime::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (lateRedis != null) {
            lateRedis.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        EmbeddedServerTest.delete(DATA);
    }

    @Autowired
    RedisMessageListenerContainer broadcastListener;

    @LocalServerPort
    int port;

    @Test
    void startsServesTheRegistryAndAnswers503ForTheBus() {
        ApiClient api = new ApiClient(port);

        Reply health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

        Reply registered = api.post("/api/addons/register", """
                {"name":"listener","version":"1.0.0","events":{"subscribes":["a.*"]},"permissions":["events.subscribe"]}""",
                api.developerKey("offline-dev"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(api.get("/api/addons/listener").status()).isEqualTo(200);

        long start = System.nanoTime();
        Reply publish = api.post("/api/events", "{\"type\":\"a.b\",\"source\":\"listener\"}", ApiClient.ADMIN_KEY);
        assertThat(publish.status()).isEqualTo(503);
        assertThat(publish.isProblem()).isTrue();
        assertThat(publish.json().path("type").asString()).isEqualTo("https://themepress.dev/problems/unavailable");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to answer").isLessThan(3000);
        assertThat(KeyedGet.get(port, "/api/events", ApiClient.ADMIN_KEY).status()).isEqualTo(503);
        assertThat(KeyedGet.get(port, "/api/events/subscribers", ApiClient.ADMIN_KEY).status()).isEqualTo(503);
        // input is still checked first: bad input stays a 4xx whatever Redis does
        assertThat(api.post("/api/events", "{\"type\":1}", ApiClient.ADMIN_KEY).status()).isEqualTo(400);

        lateRedis = RedisServer.startOn(REDIS_PORT, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> broadcastListener.isListening());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health").status() == 200);
        Reply late = api.post("/api/events", "{\"type\":\"a.b\",\"source\":\"listener\"}", ApiClient.ADMIN_KEY);
        assertThat(late.status()).as(late.body()).isEqualTo(202);
        // the subscriber's group could not be created at registration; its reader made it once Redis came
        String id = late.json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.acknowledged("listener").stream().anyMatch(d -> d.eventId().equals(id)));
    }
}
