package com.themepress.server.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.delivery.SubscriberDelivery.Attempt;
import com.themepress.server.events.publishing.EventPublisher;
import com.themepress.server.events.retention.BacklogGate;
import com.themepress.server.events.retention.BacklogMetrics;
import com.themepress.server.events.retention.RetentionProperties;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.permissions.ManifestGrants;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The delivery engine against a real redis-server, with replicas as separate engines and clients:
 * consumer groups split the work, each subscriber sees each event once, a replica's death loses
 * nothing, and retries keep to their backoff on the injected clock.
 */
@RequiresRedisServer
class DeliveryEngineTests {

    static final EventProperties PROPERTIES = new EventProperties("test:events", DataSize.ofKilobytes(64), 5,
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.0, Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(50), 64, Duration.ofMillis(200), 32, 16, Duration.ofMinutes(2), null, Duration.ofHours(1),
            Duration.ofSeconds(2), 10_000, 100);

    record Replica(EventStreams streams, DeliveryEngine engine, SimpleMeterRegistry meters) {
    }

    RedisServer redis;
    final List<Replica> replicas = new ArrayList<>();
    final Map<String, Map<String, AtomicInteger>> received = new ConcurrentHashMap<>();

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start(false);
    }

    @AfterEach
    void stop() {
        replicas.forEach(r -> {
            r.engine().halt();
            r.streams().close();
        });
        redis.close();
    }

    /** A subscriber with the shortest timeout a manifest allows, so a dead replica's entries are claimed within seconds. */
    static AddonManifest subscriber(String name, String... patterns) {
        return subscriber(name, 100, patterns);
    }

    static AddonManifest subscriber(String name, int timeoutMs, String... patterns) {
        String subscribes = String.join("\",\"", patterns);
        return new ManifestParser().parse(StrictJson.mapper().readTree("{\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                + "\"events\":{\"subscribes\":[\"" + subscribes + "\"]},\"permissions\":[\"events.subscribe\"],"
                + "\"resources\":{\"timeoutMs\":" + timeoutMs + "}}"));
    }

    Replica replica(String consumer, SubscriberDelivery delivery, Clock clock) {
        EventStreams streams = new EventStreams(redis.uri(), null, PROPERTIES);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeliveryEngine engine = new DeliveryEngine(streams, delivery, new MemoryDeadLetters(), new EventPermissions(new ManifestGrants()), PROPERTIES,
                clock, new EventMetrics(meters), consumer);
        Replica replica = new Replica(streams, engine, meters);
        replicas.add(replica);
        return replica;
    }

    /** Counts what each subscriber received, by event id. */
    SubscriberDelivery recording(AtomicInteger perReplica) {
        return (manifest, envelope) -> {
            String id = StrictJson.mapper().readTree(new String(envelope, StandardCharsets.UTF_8)).path("id").asString();
            received.computeIfAbsent(manifest.name(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            perReplica.incrementAndGet();
            return Attempt.acknowledged("200");
        };
    }

    List<String> publish(EventStreams streams, int count, String... types) throws Exception {
        EventPublisher publisher = new EventPublisher(streams, PROPERTIES, Clock.systemUTC(), new EventMetrics(new SimpleMeterRegistry()),
                new BacklogGate(RetentionProperties.defaults(), new BacklogMetrics(new SimpleMeterRegistry())));
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.execute(() -> {
                for (int i = client; i < count; i += 4) {
                    ids.add(publisher.publish(types[i % types.length], "shop", "site-1",
                            JsonNodeFactory.instance.objectNode().put("n", i), "api").id() + " " + types[i % types.length]);
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return ids;
    }

    long pending(String addon) {
        return redis.commands().xpending(PROPERTIES.keyPrefix() + ":log", EventStreams.group(addon)).getCount();
    }

    @Test
    void eachSubscriberGetsEachEventOnceWhileTwoReplicasShareTheWork() throws Exception {
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        Replica a = replica("a", recording(byA), Clock.systemUTC());
        Replica b = replica("b", recording(byB), Clock.systemUTC());
        for (Replica replica : List.of(a, b)) {
            replica.engine().subscribe(subscriber("email", "payment.completed"));
            replica.engine().subscribe(subscriber("inventory", "payment.*"));
            replica.engine().subscribe(subscriber("audit", "order.*"));
        }

        List<String> published = publish(a.streams(), 3000, "payment.completed", "payment.refunded", "order.placed");

        long completed = published.stream().filter(p -> p.endsWith(" payment.completed")).count();
        long payments = published.stream().filter(p -> p.contains(" payment.")).count();
        long orders = published.size() - payments;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(received.getOrDefault("email", Map.of())).hasSize((int) completed);
            assertThat(received.getOrDefault("inventory", Map.of())).hasSize((int) payments);
            assertThat(received.getOrDefault("audit", Map.of())).hasSize((int) orders);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pending("email") + pending("inventory") + pending("audit") == 0);
        for (Map<String, AtomicInteger> counts : received.values()) {
            assertThat(counts.values()).allSatisfy(n -> assertThat(n.get()).as("deliveries of one event").isEqualTo(1));
        }
        assertThat(byA.get()).as("delivered by replica a").isPositive();
        assertThat(byB.get()).as("delivered by replica b").isPositive();
        assertThat(byA.get() + byB.get()).isEqualTo((int) (completed + payments + orders));
    }

    @Test
    void entriesOfAReplicaKilledMidDeliveryAreTakenOverByAnother() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger startedOnA = new AtomicInteger();
        Replica a = replica("a", (manifest, envelope) -> {
            startedOnA.incrementAndGet();
            try {
                never.await(); // the subscriber call hangs until this replica dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Attempt.acknowledged("200");
        }, Clock.systemUTC());
        a.engine().subscribe(subscriber("email", "payment.*"));
        List<String> published = publish(a.streams(), 5, "payment.completed");
        await().atMost(Duration.ofSeconds(10)).until(() -> startedOnA.get() == 5);
        assertThat(pending("email")).isEqualTo(5);

        a.engine().halt();
        AtomicInteger byB = new AtomicInteger();
        Replica b = replica("b", recording(byB), Clock.systemUTC());
        b.engine().subscribe(subscriber("email", "payment.*"));

        // taken over once idle for claimIdle: 2 x 100 ms + the 1 s retry lease (Redis times the idleness, not our clock)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received.getOrDefault("email", Map.of()).keySet())
                .containsExactlyInAnyOrderElementsOf(published.stream().map(p -> p.split(" ")[0]).toList()));
        await().atMost(Duration.ofSeconds(5)).until(() -> pending("email") == 0);
        assertThat(b.meters().counter("event_redeliveries_total", "addon_id", "email", "reason", "reclaimed").count()).isEqualTo(5);
        never.countDown();
    }

    @Test
    void noEventIsLostWhenOneOfTwoReplicasDiesHalfway() throws Exception {
        AtomicInteger byA = new AtomicInteger();
        AtomicInteger byB = new AtomicInteger();
        SubscriberDelivery recordA = recording(byA);
        Replica[] a = new Replica[1];
        a[0] = replica("a", (manifest, envelope) -> {
            Attempt attempt = recordA.deliver(manifest, envelope);
            if (byA.get() == 1000) {
                a[0].engine().halt(); // dies with deliveries in flight and entries read but not started
            }
            return attempt;
        }, Clock.systemUTC());
        Replica b = replica("b", recording(byB), Clock.systemUTC());
        a[0].engine().subscribe(subscriber("email", "payment.*"));
        b.engine().subscribe(subscriber("email", "payment.*"));

        List<String> published = publish(b.streams(), 6000, "payment.completed");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received.getOrDefault("email", Map.of()))
                .hasSize(published.size()));
        await().atMost(Duration.ofSeconds(10)).until(() -> pending("email") == 0);
        long duplicates = received.get("email").values().stream().mapToInt(n -> n.get() - 1).sum();
        assertThat(byA.get()).isGreaterThanOrEqualTo(1000);
        // only what replica a had started but not acknowledged when it died can arrive twice
        assertThat(duplicates).isLessThanOrEqualTo(PROPERTIES.maxInFlight());
    }

    @Test
    void aSlowSubscribersEntriesAreNotTakenOverWhileItsDeliveryMayStillRun() {
        DeliveryEngine engine = replica("claims", recording(new AtomicInteger()), Clock.systemUTC()).engine();
        // claim-min-idle is 500 ms here, the retry lease 1 s: a delivery may take twice the timeout plus the lease.
        assertThat(engine.claimIdle(subscriber("quick", 30_000, "shop.*"))).isEqualTo(Duration.ofSeconds(2 * 30 + 1));
        assertThat(engine.claimIdle(subscriber("slow", 300_000, "shop.*"))).isEqualTo(Duration.ofSeconds(2 * 300 + 1));
    }

    @Test
    void failedDeliveriesWaitTheirBackoffOnTheInjectedClock() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        Replica a = replica("a", (manifest, envelope) -> calls.incrementAndGet() <= 3
                ? Attempt.failed("HTTP 503") : Attempt.acknowledged("HTTP 200"), clock);
        a.engine().subscribe(subscriber("email", "payment.*"));
        String id = publish(a.streams(), 1, "payment.completed").get(0).split(" ")[0];
        String retryKey = PROPERTIES.keyPrefix() + ":retry:email";

        long start = clock.millis();
        long[] expectedWaits = {100, 200, 400};
        for (int failure = 1; failure <= 3; failure++) {
            int expectedCalls = failure;
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == expectedCalls
                    && redis.commands().zcard(retryKey) == 1 && redis.commands().zscore(retryKey, redis.commands().zrange(retryKey, 0, 0).get(0)) != null
                    && redis.commands().zscore(retryKey, redis.commands().zrange(retryKey, 0, 0).get(0)) == clock.millis() + expectedWaits[expectedCalls - 1]);
            // not due yet: sweeps pass without another attempt, and the retry keeps its due time
            long due = clock.millis() + expectedWaits[failure - 1];
            for (int sweep = 0; sweep < 3; sweep++) {
                a.engine().sweep();
            }
            assertThat(redis.commands().zscore(retryKey, redis.commands().zrange(retryKey, 0, 0).get(0))).isEqualTo((double) due);
            assertThat(calls.get()).isEqualTo(failure);
            clock.advance(Duration.ofMillis(expectedWaits[failure - 1]));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 4 && redis.commands().zcard(retryKey) == 0);
        assertThat(pending("email")).isZero();
        assertThat(clock.millis() - start).isEqualTo(700);
        assertThat(a.meters().counter("event_deliveries_total", "addon_id", "email", "outcome", "failed").count()).isEqualTo(3);
        assertThat(a.meters().counter("event_deliveries_total", "addon_id", "email", "outcome", "delivered").count()).isEqualTo(1);
        assertThat(id).isNotBlank();
    }

    @Test
    void aRetryFromASourceTheSubscriberNoLongerAcceptsIsSettledNotDelivered() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        Replica a = replica("a", (manifest, envelope) -> {
            calls.incrementAndGet();
            return Attempt.failed("HTTP 503");
        }, clock);
        a.engine().subscribe(subscriber("email", "payment.*"));
        publish(a.streams(), 1, "payment.completed"); // published by "shop"
        String retryKey = PROPERTIES.keyPrefix() + ":retry:email";
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1 && redis.commands().zcard(retryKey) == 1);

        // a new version names its publisher; the retry is due, but "shop" is not it
        a.engine().subscribe(new ManifestParser().parse(StrictJson.mapper().readTree("""
                {"name":"email","version":"1.1.0","permissions":["events.subscribe"],"resources":{"timeoutMs":100},
                 "events":{"subscribes":[{"type":"payment.*","from":["payment-gateway"]}]}}""")));
        clock.advance(Duration.ofSeconds(1));
        a.engine().sweep();

        assertThat(redis.commands().zcard(retryKey)).isZero();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(pending("email")).isZero();
        assertThat(a.meters().counter("event_source_refusals_total", "addon_id", "email").count()).isEqualTo(1);
    }

    /** Dead letters in memory, for tests that do not need MongoDB. */
    static final class MemoryDeadLetters implements DeadLetterSink {
        final List<DeadLetter> letters = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void store(DeadLetter letter) {
            letters.add(letter);
        }

        @Override
        public void replayDelivered(String addon, String eventId) {
        }
    }
}
