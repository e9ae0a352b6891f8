package com.themepress.server.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.delivery.DeliveryEngineTests.MemoryDeadLetters;
import com.themepress.server.events.delivery.SubscriberDelivery.Attempt;
import com.themepress.server.events.publishing.EventPublisher;
import com.themepress.server.events.retention.BacklogGate;
import com.themepress.server.events.retention.BacklogMetrics;
import com.themepress.server.events.retention.RetentionProperties;
import com.themepress.server.events.retention.StreamRetention;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.permissions.ManifestGrants;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A subscriber that is away while publishers go on: nothing it has not settled is trimmed, the
 * publishers are refused (503) while its backlog holds the stream's bound, and once it is back it
 * gets every event; a subscriber paused for its backlog gets nothing until resumed, then everything.
 */
@RequiresRedisServer
class BacklogDeliveryTests {

    static final int BOUND = 40;
    static final RetentionProperties RETENTION = new RetentionProperties(Duration.ofHours(24), 10, BOUND, DataSize.ofMegabytes(64),
            1_000_000, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofDays(30), 100_000, Duration.ofMinutes(1));

    RedisServer redis;
    EventStreams streams;
    StreamRetention retention;
    EventPublisher publisher;
    final List<DeliveryEngine> engines = new ArrayList<>();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        redis = RedisServer.start(false);
        streams = new EventStreams(redis.uri(), null, DeliveryEngineTests.PROPERTIES);
    }

    void bus(RetentionProperties properties) {
        BacklogMetrics metrics = new BacklogMetrics(new SimpleMeterRegistry());
        BacklogGate gate = new BacklogGate(properties, metrics);
        publisher = new EventPublisher(streams, DeliveryEngineTests.PROPERTIES, Clock.systemUTC(), new EventMetrics(new SimpleMeterRegistry()),
                gate);
        retention = new StreamRetention(streams, properties, gate, metrics, Clock.systemUTC());
        retention.start();
    }

    @AfterEach
    void stop() {
        engines.forEach(DeliveryEngine::halt);
        if (retention != null) {
            retention.close();
        }
        streams.close();
        redis.close();
    }

    DeliveryEngine engine(String addon) {
        SubscriberDelivery recording = (manifest, envelope) -> {
            String id = StrictJson.mapper().readTree(new String(envelope, StandardCharsets.UTF_8)).path("id").asString();
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return Attempt.acknowledged("200");
        };
        DeliveryEngine engine = new DeliveryEngine(streams, recording, new MemoryDeadLetters(), new EventPermissions(new ManifestGrants()),
                DeliveryEngineTests.PROPERTIES, Clock.systemUTC(), new EventMetrics(new SimpleMeterRegistry()), addon + "-replica");
        engine.subscribe(DeliveryEngineTests.subscriber(addon, "order.*"));
        engines.add(engine);
        return engine;
    }

    String publish(int n) {
        return publisher.publish("order.placed", "shop", null, JsonNodeFactory.instance.objectNode().put("n", n), "api").id();
    }

    @Test
    void aSubscriberStoppedWhileThreeTimesTheBoundIsPublishedGetsEveryEventOnceBack() {
        bus(RETENTION);
        streams.ensureGroup("audit"); // subscribed, but no replica delivers to it: stopped
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        long longest = 0;
        while (accepted.size() < 3 * BOUND) {
            try {
                accepted.add(publish(accepted.size()));
            } catch (PlatformException e) {
                assertThat(e.getStatusCode().value()).isEqualTo(503);
                assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                refused++;
                if (engines.isEmpty()) {
                    assertThat(accepted).as("accepted while the subscriber was away").hasSize(BOUND);
                    engine("audit"); // the subscriber comes back
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> redis.commands().xlen(streams.logKey()) < BOUND);
            }
            longest = Math.max(longest, redis.commands().xlen(streams.logKey()));
        }

        assertThat(refused).isPositive();
        assertThat(longest).as("the stream never outgrew its bound").isLessThanOrEqualTo(BOUND);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received.keySet())
                .containsExactlyInAnyOrderElementsOf(accepted));
        assertThat(received.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void aPausedSubscriberGetsNothingUntilResumedThenEverything() {
        bus(new RetentionProperties(Duration.ofHours(24), 10, 1000, DataSize.ofMegabytes(64), 5, Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofDays(30), 100_000, Duration.ofMinutes(1)));
        streams.ensureGroup("audit");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(publish(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.paused().all().containsKey("audit"));

        engine("audit");
        ids.add(publish(8));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(received::isEmpty);
        assertThat(redis.commands().xlen(streams.logKey())).as("kept while paused").isEqualTo(9);

        assertThat(streams.paused().resume("audit", 9)).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(ids));
        assertThat(streams.paused().all()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.paused().resumed().isEmpty());
        assertThat(Set.copyOf(ids)).hasSize(9);
    }
}
