package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Failing subscribers: retries wait 1 s, 2 s, 4 s on the injected clock (no jitter here), the
 * fourth failure makes a dead letter in MongoDB, and a replay after the fix delivers it.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.max-attempts=4",
        "themepress.events.initial-backoff=1s",
        "themepress.events.backoff-multiplier=2",
        "themepress.events.backoff-jitter=0",
        "themepress.events.sweep-interval=50ms",
        "themepress.events.read-block=200ms"})
class RetryAndDeadLetterTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-06-01T08:00:00Z"));
    static final AtomicBoolean FIXED = new AtomicBoolean();
    static RedisServer redis;
    static FakeRuntime runtime;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(false);
        runtime = new FakeRuntime();
        runtime.subscriber("flaky", (event, attempt) -> attempt <= 3 ? 500 : 200);
        runtime.subscriber("broken", (event, attempt) -> FIXED.get() ? 200 : 503);
        runtime.subscriber("picky", (event, attempt) -> 422);
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("themepress.runtime-client.url", runtime::url);
    }

    @TestConfiguration
    static class ManualClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
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

    @Autowired
    MeterRegistry meters;

    ApiClient api;
    static boolean registered;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (!registered) {
            String key = api.developerKey("subscribers");
            for (String name : List.of("flaky", "broken", "picky")) {
                Reply reply = api.post("/api/addons/register", "{\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                        + "\"events\":{\"subscribes\":[\"" + name + ".*\"]},\"permissions\":[\"events.subscribe\"]}", key);
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
            registered = true;
        }
    }

    String publish(String type) {
        Reply reply = api.post("/api/events", "{\"type\":\"" + type + "\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().path("id").asString();
    }

    /** Waits for the n-th attempt to have failed and its retry to be scheduled {@code wait} after now. */
    void awaitRetryScheduled(String addon, String id, int attempts, Duration wait) {
        String key = "themepress:events:retry:" + addon;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runtime.attempts(addon, id)).isEqualTo(attempts);
            List<String> due = redis.commands().zrange(key, 0, -1);
            assertThat(due).hasSize(1);
            assertThat(redis.commands().zscore(key, due.get(0))).isEqualTo((double) CLOCK.instant().plus(wait).toEpochMilli());
        });
    }

    Reply deadLetters(String addon) {
        return KeyedGet.get(port, "/api/events/dead-letters?addon=" + addon, ApiClient.ADMIN_KEY);
    }

    @Test
    void aSubscriberThatFailsThreeTimesGetsTheEventOnTheFourthAttempt() {
        String id = publish("flaky.happened");

        awaitRetryScheduled("flaky", id, 1, Duration.ofSeconds(1));
        CLOCK.advance(Duration.ofMillis(999));
        // not yet due: sweeps keep passing without a second attempt
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> runtime.attempts("flaky", id) == 1);
        CLOCK.advance(Duration.ofMillis(1));
        awaitRetryScheduled("flaky", id, 2, Duration.ofSeconds(2));
        CLOCK.advance(Duration.ofSeconds(2));
        awaitRetryScheduled("flaky", id, 3, Duration.ofSeconds(4));
        CLOCK.advance(Duration.ofSeconds(4));

        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.acknowledged("flaky").stream().anyMatch(d -> d.eventId().equals(id)));
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands().zcard("themepress:events:retry:flaky") == 0
                && redis.commands().hlen("themepress:events:retrying:flaky") == 0);
        assertThat(runtime.attempts("flaky", id)).isEqualTo(4);
        assertThat(deadLetters("flaky").json().path("total").asLong()).isZero();
        assertThat(meters.counter("event_redeliveries_total", "addon_id", "flaky", "reason", "retry").count()).isEqualTo(3);
    }

    @Test
    void aSubscriberThatAlwaysFailsEndsInDeadLettersAndAReplayAfterTheFixDelivers() {
        String id = publish("broken.happened");
        awaitRetryScheduled("broken", id, 1, Duration.ofSeconds(1));
        CLOCK.advance(Duration.ofSeconds(1));
        awaitRetryScheduled("broken", id, 2, Duration.ofSeconds(2));
        CLOCK.advance(Duration.ofSeconds(2));
        awaitRetryScheduled("broken", id, 3, Duration.ofSeconds(4));
        CLOCK.advance(Duration.ofSeconds(4));

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters("broken").json().path("total").asLong() == 1);
        Reply listed = deadLetters("broken");
        var letter = listed.json().path("items").get(0);
        assertThat(letter.path("id").asString()).isEqualTo("broken:" + id);
        assertThat(letter.path("status").asString()).isEqualTo("dead");
        assertThat(letter.path("attempts").asInt()).isEqualTo(4);
        assertThat(letter.path("lastFailure").asString()).startsWith("HTTP 503");
        assertThat(letter.path("event").path("id").asString()).isEqualTo(id);
        assertThat(letter.path("event").path("type").asString()).isEqualTo("broken.happened");
        assertThat(runtime.attempts("broken", id)).isEqualTo(4);
        assertThat(redis.commands().zcard("themepress:events:retry:broken")).isZero();
        assertThat(redis.commands().xpending("themepress:events:log", "addon:broken").getCount()).isZero();
        assertThat(meters.counter("event_dead_letters_total", "addon_id", "broken").count()).isEqualTo(1);

        FIXED.set(true);
        Reply replay = api.post("/api/events/dead-letters/broken:" + id + "/replay", "", ApiClient.ADMIN_KEY);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json().path("status").asString()).isEqualTo("replayed");
        assertThat(replay.json().path("replays").asInt()).isEqualTo(1);
        Reply twice = api.post("/api/events/dead-letters/broken:" + id + "/replay", "", ApiClient.ADMIN_KEY);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.json().path("type").asString()).isEqualTo("https://themepress.dev/problems/already-replayed");

        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.acknowledged("broken").stream().anyMatch(d -> d.eventId().equals(id)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                KeyedGet.get(port, "/api/events/dead-letters/broken:" + id, ApiClient.ADMIN_KEY).json().path("status").asString())
                .isEqualTo("delivered"));
        assertThat(KeyedGet.get(port, "/api/events/dead-letters?status=dead", ApiClient.ADMIN_KEY).json().path("items"))
                .noneMatch(l -> l.path("addon").asString().equals("broken"));
    }

    @Test
    void anEventTheAddonItselfRejectsWith4xxIsADeadLetterAtOnce() {
        String id = publish("picky.happened");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters("picky").json().path("total").asLong() == 1);
        var letter = deadLetters("picky").json().path("items").get(0);
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.path("lastFailure").asString()).startsWith("HTTP 422");
        assertThat(runtime.attempts("picky", id)).isEqualTo(1);

        // once it no longer subscribes, a replay is refused rather than queued for nobody
        String key = api.developerKey("subscribers");
        Reply reply = api.post("/api/addons/register", "{\"name\":\"picky\",\"version\":\"1.1.0\"}", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Reply refused = api.post("/api/events/dead-letters/picky:" + id + "/replay", "", ApiClient.ADMIN_KEY);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("detail").asString()).contains("events.subscribe");
    }
}
