package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

import com.themepress.model.schema.StrictJson;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.events.delivery.DeadLetterSink;
import com.themepress.server.events.delivery.DeadLetterSink.DeadLetter;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The stream's bound through the HTTP API, with small bounds: a failing subscriber falls behind and
 * is paused, publishers then get 503 problems with Retry-After (and execute refuses before the addon
 * acts) while nothing is dropped; the operator, and only the operator, lists and resumes it, and it
 * gets every event. Dead letters are kept within their age and count.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.sweep-interval=50ms",
        "themepress.events.read-block=200ms",
        "themepress.events.retention.max-length=10",
        "themepress.events.retention.max-backlog=12",
        "themepress.events.retention.subscriber-max-backlog=3",
        "themepress.events.retention.interval=50ms",
        "themepress.events.retention.retry-after=7s",
        "themepress.events.retention.dead-letter-max-count=3",
        "themepress.events.retention.dead-letter-max-age=1h",
        "themepress.events.retention.dead-letter-interval=100ms"})
class BacklogApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-07-01T08:00:00Z"));
    static final AtomicBoolean LEDGER_UP = new AtomicBoolean();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static RedisServer redis;
    static FakeRuntime runtime;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(false);
        runtime = new FakeRuntime();
        runtime.subscriber("ledger", (event, attempt) -> LEDGER_UP.get() ? 200 : 503);
        runtime.executeAnswer("till", "sell", "{\"ok\":true,\"events\":[{\"type\":\"order.placed\",\"data\":{}}]}");
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

    @Autowired
    DeadLetterSink deadLetters;

    ApiClient api;
    static String developerKey;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (developerKey == null) {
            developerKey = api.developerKey("shopkeeper");
            for (String manifest : List.of(
                    "{\"name\":\"ledger\",\"version\":\"1.0.0\",\"events\":{\"subscribes\":[\"order.*\"]},\"permissions\":[\"events.subscribe\"]}",
                    "{\"name\":\"till\",\"version\":\"1.0.0\",\"endpoints\":[\"sell\"],\"events\":{\"publishes\":[\"order.*\"]},"
                            + "\"permissions\":[\"events.publish\"]}")) {
                Reply reply = api.post("/api/addons/register", manifest, developerKey);
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
        }
    }

    record Answer(int status, String contentType, String retryAfter, String body) {
    }

    Answer post(String path, String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer publish() {
        return post("/api/events", "{\"type\":\"order.placed\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY);
    }

    double gauge(String name, String addon) {
        return addon == null ? meters.get(name).gauge().value() : meters.get(name).tag("addon_id", addon).gauge().value();
    }

    @Test
    void publishersGet503WhileAPausedSubscriberHoldsTheBoundAndTheResumedSubscriberGetsEveryEvent() {
        List<String> accepted = new ArrayList<>();
        Answer[] refusal = new Answer[1];
        // the failing subscriber's retries pile up until it is paused; then its events wait unread until the bound holds
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Answer answer = publish();
            if (answer.status() == 202) {
                accepted.add(StrictJson.mapper().readTree(answer.body()).path("id").asString());
                return false;
            }
            refusal[0] = answer;
            return true;
        });
        Answer refused = refusal[0];
        assertThat(refused).as("a refusal once the bound held").isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.retryAfter()).isEqualTo("7");
        assertThat(redis.commands().xlen("themepress:events:log")).isLessThanOrEqualTo(12);
        assertThat(meters.get("events_refused_total").tag("reason", "entries").counter().count()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge("event_stream_full", null) == 1.0);
        assertThat(gauge("event_subscriber_paused", "ledger")).isEqualTo(1.0);

        // execute refuses before the addon acts, rather than after
        Answer sale = post("/api/addons/till/execute", "{\"action\":\"sell\",\"data\":{}}", developerKey);
        assertThat(sale.status()).isEqualTo(503);
        assertThat(sale.retryAfter()).isEqualTo("7");
        assertThat(runtime.count("till", "1.0.0", "execute/sell")).isZero();

        // only the operator sees and resumes a paused subscriber
        assertThat(KeyedGet.get(port, "/api/events/subscribers/paused", developerKey).status()).isEqualTo(403);
        assertThat(post("/api/events/subscribers/ledger/resume", "", developerKey).status()).isEqualTo(403);
        Reply paused = KeyedGet.get(port, "/api/events/subscribers/paused", ApiClient.ADMIN_KEY);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get(0).path("addon").asString()).isEqualTo("ledger");
        assertThat(paused.json().get(0).path("backlogAtPause").asLong()).isGreaterThan(3);

        LEDGER_UP.set(true);
        assertThat(post("/api/events/subscribers/ledger/resume", "", ApiClient.ADMIN_KEY).status()).isEqualTo(200);
        assertThat(post("/api/events/subscribers/ledger/resume", "", ApiClient.ADMIN_KEY).status()).isEqualTo(404);
        CLOCK.advance(Duration.ofHours(1)); // the retries fall due

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(runtime.acknowledged("ledger"))
                .extracting(FakeRuntime.Delivery::eventId).containsAll(accepted));
        await().atMost(Duration.ofSeconds(5)).until(() -> publish().status() == 202);
        assertThat(gauge("event_subscriber_paused", "ledger")).isZero();
    }

    @Test
    void deadLettersBeyondTheirCountOrAgeAreRemovedAndCounted() {
        Instant now = CLOCK.instant();
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            String envelope = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"order.placed\",\"source\":\"shop\","
                    + "\"time\":\"" + now + "\",\"data\":{}}";
            deadLetters.store(new DeadLetter("ledger", id, "1-" + i, envelope, 10, "503", now, now.plusSeconds(i)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> total() == 3);
        assertThat(meters.get("event_dead_letters_expired_total").tag("reason", "count").counter().count()).isEqualTo(2);

        CLOCK.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> total() == 0);
        assertThat(meters.get("event_dead_letters_expired_total").tag("reason", "age").counter().count()).isEqualTo(3);
    }

    @Test
    void onlyTheOperatorDropsTheGroupOfAnAddonThatStoppedSubscribing() {
        String subscribes = "{\"name\":\"gone\",\"version\":\"%s\",\"events\":{\"subscribes\":[\"order.*\"]},"
                + "\"permissions\":[\"events.subscribe\"]}";
        assertThat(api.post("/api/addons/register", subscribes.formatted("1.0.0"), developerKey).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).until(() -> groups().contains("addon:gone,"));

        assertThat(delete("/api/events/subscribers/gone/group", developerKey)).isEqualTo(403);
        assertThat(delete("/api/events/subscribers/gone/group", ApiClient.ADMIN_KEY)).as("still subscribes").isEqualTo(403);
        assertThat(api.post("/api/addons/register", "{\"name\":\"gone\",\"version\":\"1.1.0\"}", developerKey).status())
                .isEqualTo(201);

        assertThat(delete("/api/events/subscribers/gone/group", ApiClient.ADMIN_KEY)).isEqualTo(204);
        assertThat(groups()).doesNotContain("addon:gone,");
        assertThat(delete("/api/events/subscribers/gone/group", ApiClient.ADMIN_KEY)).isEqualTo(404);
    }

    String groups() {
        return redis.commands().xinfoGroups("themepress:events:log").toString();
    }

    int delete(String path, String key) {
        return api.delete(path, key).status();
    }

    long total() {
        return KeyedGet.get(port, "/api/events/dead-letters?addon=ledger", ApiClient.ADMIN_KEY).json().path("total").asLong();
    }
}
