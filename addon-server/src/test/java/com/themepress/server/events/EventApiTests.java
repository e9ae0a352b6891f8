package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.events.delivery.DeliveryEngine;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;

/**
 * The bus through its HTTP API on a real redis-server of the test's own and a loopback stand-in for
 * the addon-runtime: who may publish what, the 4xx answers for bad input, the event log, delivery
 * to exactly the subscribers whose patterns match, and events carried by execute answers.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.sweep-interval=50ms",
        "themepress.events.read-block=200ms",
        "management.defaults.metrics.export.enabled=true",
        "management.endpoint.health.show-components=always"})
class EventApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static FakeRuntime runtime;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-05-01T10:00:00Z"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(false);
        runtime = new FakeRuntime();
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("themepress.runtime-client.url", runtime::url);
    }

    @TestConfiguration
    static class FixedClock {
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
    LettuceConnectionFactory redisFactory;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    RegistryService registry;

    ApiClient api;
    static String shopKey;
    static String otherKey;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (shopKey == null) {
            shopKey = api.developerKey("shopkeeper");
            otherKey = api.developerKey("someone-else");
            registerAddon(shopKey, """
                    {"name":"shop","version":"1.0.0","endpoints":["charge"],
                     "events":{"publishes":["payment.completed","order.*"]},"permissions":["events.publish"]}""");
            registerAddon(shopKey, """
                    {"name":"email","version":"1.0.0","events":{"subscribes":["payment.completed"]},"permissions":["events.subscribe"]}""");
            registerAddon(shopKey, """
                    {"name":"inventory","version":"1.0.0","events":{"subscribes":["payment.*"]},"permissions":["events.subscribe"]}""");
            registerAddon(shopKey, """
                    {"name":"analytics","version":"1.0.0","events":{"subscribes":["order.*"]},"permissions":["events.subscribe"]}""");
            // declares a subscription but never asked for the permission: gets nothing
            registerAddon(shopKey, """
                    {"name":"sneaky","version":"1.0.0","events":{"subscribes":["payment.*"]}}""");
        }
    }

    void registerAddon(String key, String manifest) {
        Reply reply = api.post("/api/addons/register", manifest, key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    Reply publish(String body, String key) {
        return api.post("/api/events", body, key);
    }

    @Test
    void bootReadsTheRedisSettingsFromSpringDataRedis() {
        assertThat(redisFactory.getPort()).isEqualTo(redis.port());
        assertThat(api.get("/actuator/health").body()).contains("\"redis\"").contains("\"status\":\"UP\"");
    }

    @Test
    void anAdminPublishIsInRedisWhenAnsweredAndReachesEveryMatchingSubscriberOnce() {
        Reply reply = publish("{\"type\":\"payment.completed\",\"source\":\"shop\",\"data\":{\"amount\":5}}",
                ApiClient.ADMIN_KEY);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        String id = reply.json().path("id").asString();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(reply.json().path("time").asString()).isEqualTo(CLOCK.instant().toString());
        assertThat(reply.json().path("specversion").asString()).isEqualTo("1.0");
        // durable before the 202: the entry is already in this test's own Redis, read directly
        assertThat(redis.commands().xrange("themepress:events:log", Range.create("-", "+")))
                .anySatisfy(entry -> assertThat(entry.getBody().get("event")).contains(id));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runtime.acknowledged("email")).filteredOn(d -> d.eventId().equals(id)).hasSize(1);
            assertThat(runtime.acknowledged("inventory")).filteredOn(d -> d.eventId().equals(id)).hasSize(1);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.commands()
                .xpending("themepress:events:log", "addon:email").getCount() == 0);
        assertThat(runtime.deliveries()).filteredOn(d -> d.eventId().equals(id)).extracting(FakeRuntime.Delivery::addon)
                .containsExactlyInAnyOrder("email", "inventory");
        FakeRuntime.Delivery delivered = runtime.acknowledged("email").stream().filter(d -> d.eventId().equals(id)).findFirst().orElseThrow();
        assertThat(delivered.envelope().path("source").asString()).isEqualTo("shop");
        assertThat(delivered.envelope().has("site")).as("an event of no site").isFalse();
        assertThat(delivered.envelope().path("data").path("amount").asInt()).isEqualTo(5);
        // the runtime did not know the deployments: each was PUT once, then the delivery repeated
        assertThat(runtime.calls()).extracting(FakeRuntime.Call::line).contains("PUT /runtime/deployments/email/1.0.0");
    }

    @Test
    void aDeveloperPublishesOnlyAsItsOwnAddonAndOnlyDeclaredTypes() {
        assertThat(publish("{\"type\":\"order.placed\",\"source\":\"shop\"}", shopKey).status()).isEqualTo(202);

        Reply undeclared = publish("{\"type\":\"admin.takeover\",\"source\":\"shop\"}", shopKey);
        assertThat(undeclared.status()).isEqualTo(403);
        assertThat(undeclared.isProblem()).isTrue();
        assertThat(undeclared.pointers()).containsExactly("/type");

        Reply notOwner = publish("{\"type\":\"order.placed\",\"source\":\"shop\"}", otherKey);
        assertThat(notOwner.status()).isEqualTo(403);
        assertThat(notOwner.pointers()).containsExactly("/source");

        Reply noPermission = publish("{\"type\":\"payment.completed\",\"source\":\"email\"}", shopKey);
        assertThat(noPermission.status()).isEqualTo(403);
        assertThat(noPermission.json().path("detail").asString()).contains("events.publish");

        assertThat(publish("{\"type\":\"order.placed\",\"source\":\"shop\"}", null).status()).isEqualTo(401);
        assertThat(publish("{\"type\":\"order.placed\",\"source\":\"shop\"}", "tpk_unknown").status()).isEqualTo(401);
    }

    @Test
    void badPublishBodiesGet4xxNamingWhere() {
        assertPointers(publish("{\"type\":\"payment.completed\"", ApiClient.ADMIN_KEY), 400);
        assertPointers(publish("[1,2]", ApiClient.ADMIN_KEY), 400, "/0", "/1");
        assertPointers(publish("7", ApiClient.ADMIN_KEY), 400, "");
        assertPointers(publish("{}", ApiClient.ADMIN_KEY), 400, "/type", "/source");
        assertPointers(publish("{\"type\":\"Payment Completed\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY), 400, "/type");
        assertPointers(publish("{\"type\":\"payment.\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY), 400, "/type");
        assertPointers(publish("{\"type\":7,\"source\":[\"shop\"],\"site\":{}}", ApiClient.ADMIN_KEY), 400, "/type", "/source", "/site");
        assertPointers(publish("{\"type\":\"a.b\",\"source\":\"shop\",\"id\":\"mine\",\"time\":\"now\",\"extra\":1}", ApiClient.ADMIN_KEY),
                400, "/id", "/time", "/extra");
        assertPointers(publish("{\"type\":\"a.b\",\"source\":\"../etc\",\"site\":\"bad site\"}", ApiClient.ADMIN_KEY), 400, "/source", "/site");
        assertPointers(publish("{\"type\":\"" + "a".repeat(200) + "\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY), 400, "/type");
        assertPointers(publish("{\"type\":\"a.b\",\"source\":\"shop\",\"type\":\"c.d\"}", ApiClient.ADMIN_KEY), 400);
        String big = "x".repeat(70_000);
        assertPointers(publish("{\"type\":\"a.b\",\"source\":\"shop\",\"data\":{\"blob\":\"" + big + "\"}}", ApiClient.ADMIN_KEY), 413, "/data");
        Reply text = api.post("/api/events", "type=a.b".getBytes(StandardCharsets.UTF_8), ApiClient.ADMIN_KEY, "text/plain");
        assertThat(text.status()).isEqualTo(415);
        Reply huge = api.post("/api/events", new byte[2_000_000], ApiClient.ADMIN_KEY, "application/json");
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void aBatchIsPublishedWholeInOrderAndEachEventDelivered() {
        // an event of a site reaches the subscribers installed there with events.subscribe
        Reply site = api.post("/api/sites", "{\"id\":\"batch-site\",\"name\":\"Batch\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        assertThat(site.status()).as(site.body()).isIn(201, 409);
        if (site.status() == 201) {
            Reply installed = api.post("/api/sites/batch-site/addons", "{\"addon\":\"analytics\",\"grant\":[\"events.subscribe\"]}",
                    site.json().path("keys").path("secret").asString());
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        }
        long before = redis.commands().xlen("themepress:events:log");
        Reply reply = publish("""
                [{"type":"payment.completed","source":"shop","data":{"n":1}},
                 {"type":"order.placed","source":"shop","site":"batch-site","data":{"n":2}},
                 {"type":"payment.refunded","source":"shop"}]""", ApiClient.ADMIN_KEY);

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json()).hasSize(3);
        assertThat(reply.json()).extracting(e -> e.path("type").asString())
                .containsExactly("payment.completed", "order.placed", "payment.refunded");
        assertThat(reply.json()).extracting(e -> e.path("id").asString()).doesNotHaveDuplicates();
        // in Redis before the 202, in the batch's order, with the filterable fields beside each envelope
        var entries = redis.commands().xrevrange("themepress:events:log", Range.create("-", "+"), Limit.from(3));
        assertThat(redis.commands().xlen("themepress:events:log")).isEqualTo(before + 3);
        assertThat(entries).extracting(e -> e.getBody().get("type")).containsExactly("payment.refunded", "order.placed", "payment.completed");
        assertThat(entries.get(1).getBody()).containsEntry("site", "batch-site").containsEntry("source", "shop");
        assertThat(entries.get(0).getBody()).doesNotContainKey("site");
        assertThat(entries.get(2).getBody().get("event")).contains(reply.json().get(0).path("id").asString());

        String completed = reply.json().get(0).path("id").asString();
        String refunded = reply.json().get(2).path("id").asString();
        String placed = reply.json().get(1).path("id").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runtime.acknowledged("email")).filteredOn(d -> d.eventId().equals(completed)).hasSize(1);
            assertThat(runtime.acknowledged("inventory")).filteredOn(d -> d.eventId().equals(completed) || d.eventId().equals(refunded))
                    .hasSize(2);
            assertThat(runtime.acknowledged("analytics")).filteredOn(d -> d.eventId().equals(placed)).hasSize(1);
        });
    }

    @Test
    void aBatchWithAnyBadEventPublishesNothing() {
        long before = redis.commands().xlen("themepress:events:log");

        assertPointers(publish("""
                [{"type":"order.placed","source":"shop"},{"type":"Bad Type","source":"shop"},
                 {"type":"a.b","source":"shop","nope":1},"text"]""", ApiClient.ADMIN_KEY), 400, "/1/type", "/2/nope", "/3");
        assertPointers(publish("[]", ApiClient.ADMIN_KEY), 400, "");
        String tooMany = "[" + String.join(",", Collections.nCopies(101, "{\"type\":\"a.b\",\"source\":\"shop\"}")) + "]";
        assertPointers(publish(tooMany, ApiClient.ADMIN_KEY), 400, "");
        String big = "x".repeat(70_000);
        assertPointers(publish("[{\"type\":\"a.b\",\"source\":\"shop\"},{\"type\":\"a.b\",\"source\":\"shop\",\"data\":\""
                + big + "\"}]", ApiClient.ADMIN_KEY), 413, "/1/data");
        // a developer batch: every event must be one its addon may publish
        Reply undeclared = publish("""
                [{"type":"order.placed","source":"shop"},{"type":"admin.takeover","source":"shop"}]""", shopKey);
        assertThat(undeclared.status()).isEqualTo(403);
        assertThat(undeclared.pointers()).containsExactly("/1/type");
        Reply notOwned = publish("""
                [{"type":"order.placed","source":"shop"},{"type":"order.placed","source":"shop"}]""", otherKey);
        assertThat(notOwned.status()).isEqualTo(403);
        assertThat(notOwned.pointers()).containsExactly("/0/source");

        assertThat(redis.commands().xlen("themepress:events:log")).isEqualTo(before);
        Reply allowed = publish("""
                [{"type":"order.placed","source":"shop"},{"type":"payment.completed","source":"shop"}]""", shopKey);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(202);
        assertThat(redis.commands().xlen("themepress:events:log")).isEqualTo(before + 2);
    }

    @Test
    void deliveryFollowsTheCurrentVersionsSubscriptions() {
        registerAddon(shopKey, """
                {"name":"newsletter","version":"1.0.0","events":{"publishes":["mail.sent"]},"permissions":["events.publish"]}""");
        assertThat(engine.subscriber("newsletter")).isNull();

        registerAddon(shopKey, """
                {"name":"newsletter","version":"1.1.0","events":{"subscribes":["payment.*"]},"permissions":["events.subscribe"]}""");
        assertThat(engine.subscriber("newsletter")).isNotNull();
        assertThat(registry.subscriberCandidates(0, 1000)).contains("newsletter", "email", "inventory").doesNotContain("shop");

        assertThat(api.delete("/api/addons/newsletter/versions/1.1.0", shopKey).status()).isIn(200, 204);
        assertThat(engine.subscriber("newsletter")).isNull();
        assertThat(registry.subscriberCandidates(0, 1000)).doesNotContain("newsletter");
    }

    void assertPointers(Reply reply, int status, String... pointers) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
        assertThat(reply.json().path("type").asString()).startsWith("https://themepress.dev/problems/");
        if (pointers.length > 0) {
            assertThat(reply.pointers()).containsExactlyInAnyOrder(pointers);
        }
    }

    @Test
    void theLogIsPagedNewestFirstAndFiltered() {
        for (int i = 0; i < 5; i++) {
            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(publish("{\"type\":\"order.placed\",\"source\":\"shop\",\"site\":\"log-site\",\"data\":{\"n\":" + i + "}}",
                    ApiClient.ADMIN_KEY).status()).isEqualTo(202);
        }
        assertThat(publish("{\"type\":\"order.cancelled\",\"source\":\"shop\",\"site\":\"log-site\"}", ApiClient.ADMIN_KEY).status())
                .isEqualTo(202);

        Reply first = get("/api/events?site=log-site&type=order.placed&size=2", ApiClient.ADMIN_KEY);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("items")).extracting(e -> e.path("data").path("n").asInt()).containsExactly(4, 3);
        String next = first.json().path("next").asString();
        Reply second = get("/api/events?site=log-site&type=order.placed&size=2&before=" + next, ApiClient.ADMIN_KEY);
        assertThat(second.json().path("items")).extracting(e -> e.path("data").path("n").asInt()).containsExactly(2, 1);

        Reply pattern = get("/api/events?site=log-site&type=order.*&size=100", ApiClient.ADMIN_KEY);
        assertThat(pattern.json().path("items")).hasSize(6);
        assertThat(pattern.json().path("next").isNull()).isTrue();
        Reply bySource = get("/api/events?source=nobody", ApiClient.ADMIN_KEY);
        assertThat(bySource.json().path("items")).isEmpty();
        Instant third = Instant.parse(first.json().path("items").get(1).path("time").asString());
        Reply since = get("/api/events?site=log-site&type=order.placed&from=" + third, ApiClient.ADMIN_KEY);
        assertThat(since.json().path("items")).extracting(e -> e.path("data").path("n").asInt()).containsExactly(4, 3);
        Reply until = get("/api/events?site=log-site&type=order.placed&to=" + third, ApiClient.ADMIN_KEY);
        assertThat(until.json().path("items")).extracting(e -> e.path("data").path("n").asInt()).containsExactly(2, 1, 0);
    }

    @Test
    void badLogQueriesGet400AndTheLogNeedsTheAdminKey() {
        Reply bad = get("/api/events?type=Bad%20Type&from=yesterday&size=0&before=abc&site=%20", ApiClient.ADMIN_KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.pointers()).containsExactlyInAnyOrder("/type", "/from", "/size", "/before", "/site");
        assertThat(get("/api/events?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", ApiClient.ADMIN_KEY).pointers())
                .containsExactly("/to");
        assertThat(get("/api/events", null).status()).isEqualTo(401);
        assertThat(get("/api/events", shopKey).status()).isEqualTo(403);
        assertThat(get("/api/events/subscribers", shopKey).status()).isEqualTo(403);
        assertThat(get("/api/events/dead-letters", shopKey).status()).isEqualTo(403);
        assertThat(get("/api/events/dead-letters?status=lost&size=500", ApiClient.ADMIN_KEY).pointers())
                .containsExactlyInAnyOrder("/status", "/size");
        assertThat(get("/api/events/dead-letters/nope", ApiClient.ADMIN_KEY).status()).isEqualTo(404);
        assertThat(api.post("/api/events/dead-letters/email:00000000-0000-0000-0000-000000000000/replay", "", ApiClient.ADMIN_KEY)
                .status()).isEqualTo(404);
    }

    @Test
    void eventsInExecuteAnswersArePublishedAndDelivered() {
        runtime.executeAnswer("shop", "charge", "{\"ok\":true,\"events\":[{\"type\":\"payment.completed\",\"data\":{\"order\":\"o-77\"}},"
                + "{\"type\":\"admin.takeover\",\"data\":{}}]}");

        // charge is a short-form endpoint, so not public: its developer calls it.
        Reply reply = api.post("/api/addons/shop/execute", "{\"action\":\"charge\",\"data\":{}}", shopKey);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().has("events")).isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(runtime.acknowledged("email")).anySatisfy(d -> assertThat(d.envelope().path("data").path("order").asString()).isEqualTo("o-77"));
            assertThat(runtime.acknowledged("inventory")).anySatisfy(d -> assertThat(d.envelope().path("data").path("order").asString()).isEqualTo("o-77"));
        });
        assertThat(runtime.deliveries()).noneMatch(d -> d.type().equals("admin.takeover"));
        assertThat(runtime.deliveries()).noneMatch(d -> d.addon().equals("sneaky") || d.addon().equals("analytics") && d.type().startsWith("payment"));
    }

    @Test
    void subscriberBacklogAndMetricsAreVisible() {
        String id = publish("{\"type\":\"payment.completed\",\"source\":\"shop\"}", ApiClient.ADMIN_KEY).json().path("id").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> runtime.acknowledged("email").stream().anyMatch(d -> d.eventId().equals(id)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Reply subscribers = get("/api/events/subscribers", ApiClient.ADMIN_KEY);
            assertThat(subscribers.status()).isEqualTo(200);
            assertThat(subscribers.json()).extracting(s -> s.path("addon").asString()).contains("email", "inventory", "analytics")
                    .doesNotContain("sneaky", "shop");
            assertThat(subscribers.json()).filteredOn(s -> s.path("addon").asString().equals("email")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.path("pending").asLong()).isZero();
                        assertThat(s.path("lag").asLong()).isZero();
                        assertThat(s.path("deliveringHere").asBoolean()).isTrue();
                    });
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.get("/actuator/prometheus").body())
                .contains("event_deliveries_total{addon_id=\"email\"")
                .contains("outcome=\"delivered\"")
                .contains("events_published_total{")
                .contains("event_delivery_latency_seconds_bucket{addon_id=\"email\"")
                .contains("event_subscriber_lag{addon_id=\"email\"")
                // per-command Redis observations are off (application.yml): the bus's own meters say more, for less
                .doesNotContain("lettuce_"));
    }

    Reply get(String path, String key) {
        return KeyedGet.get(port, path, key);
    }
}
