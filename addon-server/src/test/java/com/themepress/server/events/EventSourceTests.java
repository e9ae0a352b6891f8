package com.themepress.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 23 item 6, "anyone can speak for an event type": a hostile developer registers an addon that
 * declares and publishes {@code payment.completed}. The example inventory and email-marketing addons
 * (their shipped manifests) accept that type only from {@code payment-gateway}, so they get the real
 * gateway's events and never the forged ones, which are settled for them without retry or dead
 * letter. A plain-string subscription still hears every source.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.sweep-interval=50ms",
        "themepress.events.read-block=200ms"})
class EventSourceTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final List<String> STRICT_SUBSCRIBERS = List.of("inventory", "email-marketing");
    static RedisServer redis;
    static FakeRuntime runtime;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(false);
        runtime = new FakeRuntime()
                .executeAnswer("payment-gateway", "process-payment", """
                        {"transactionId":"txn-1","events":[{"type":"payment.completed","data":{"orderId":"genuine-execute"}}]}""")
                // The forger also writes a source into its event; the platform sets the source itself.
                .executeAnswer("fake-gateway", "charge", """
                        {"ok":true,"events":[{"type":"payment.completed","source":"payment-gateway",
                                              "data":{"orderId":"forged-execute"}}]}""");
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

    @Autowired
    MeterRegistry meters;

    ApiClient api;
    static String examplesKey;
    static String malloryKey;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (examplesKey == null) {
            examplesKey = api.developerKey("examples");
            malloryKey = api.developerKey("mallory");
            for (String example : List.of("payment-gateway", "inventory", "email-marketing")) {
                registerAddon(examplesKey, Manifests.example(example));
            }
            registerAddon(examplesKey, """
                    {"name":"audit","version":"1.0.0","events":{"subscribes":["payment.*"]},"permissions":["events.subscribe"]}""");
            registerAddon(malloryKey, """
                    {"name":"fake-gateway","version":"1.0.0","endpoints":["charge"],
                     "events":{"publishes":["payment.completed"]},"permissions":["events.publish"]}""");
        }
    }

    void registerAddon(String key, String manifest) {
        Reply reply = api.post("/api/addons/register", manifest, key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    void publish(String source, String orderId, String key) {
        Reply reply = api.post("/api/events", "{\"type\":\"payment.completed\",\"source\":\"" + source
                + "\",\"data\":{\"orderId\":\"" + orderId + "\"}}", key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    static List<String> orders(List<FakeRuntime.Delivery> deliveries) {
        return deliveries.stream().map(d -> d.envelope().path("data").path("orderId").asString()).toList();
    }

    double refused(String addon) {
        Counter counter = meters.find("event_source_refusals_total").tag("addon_id", addon).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSubscriberThatNamesItsSourcesNeverGetsAnotherAddonsEventOfThatType() {
        // The forger speaks through both publishing paths, each as the addon its key owns.
        publish("fake-gateway", "forged-api", malloryKey);
        Reply charged = api.post("/api/addons/fake-gateway/execute", "{\"action\":\"charge\",\"data\":{}}", malloryKey);
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        // and cannot publish as the real gateway
        Reply impersonated = api.post("/api/events", "{\"type\":\"payment.completed\",\"source\":\"payment-gateway\"}", malloryKey);
        assertThat(impersonated.status()).isEqualTo(403);
        assertThat(impersonated.pointers()).containsExactly("/source");

        publish("payment-gateway", "genuine-api", examplesKey);
        Reply paid = api.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"process-payment\",\"data\":{\"amount\":5,\"currency\":\"USD\",\"method\":\"card\"}}", null);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String subscriber : STRICT_SUBSCRIBERS) {
                assertThat(orders(runtime.acknowledged(subscriber))).contains("genuine-api", "genuine-execute");
            }
            // a plain string keeps meaning any source: the audit log hears the forger too, under its own name
            assertThat(runtime.acknowledged("audit")).extracting(EventSourceTests::orderAndSource)
                    .contains("forged-api@fake-gateway", "forged-execute@fake-gateway",
                            "genuine-api@payment-gateway", "genuine-execute@payment-gateway");
        });
        // every entry read and settled by the strict subscribers' groups: nothing more can reach them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                KeyedGet.get(port, "/api/events/subscribers", ApiClient.ADMIN_KEY).json())
                .filteredOn(s -> STRICT_SUBSCRIBERS.contains(s.path("addon").asString())).hasSize(2)
                .allSatisfy(s -> {
                    assertThat(s.path("lag").asLong()).isZero();
                    assertThat(s.path("pending").asLong()).isZero();
                    // the listing shows the subscription as the manifest wrote it
                    assertThat(s.at("/subscribes/0/from/0").asString()).isEqualTo("payment-gateway");
                }));

        for (String subscriber : STRICT_SUBSCRIBERS) {
            assertThat(runtime.deliveries()).filteredOn(d -> d.addon().equals(subscriber)).extracting(EventSourceTests::orderAndSource)
                    .containsExactlyInAnyOrder("genuine-api@payment-gateway", "genuine-execute@payment-gateway");
            // settled for the subscriber without a delivery: counted, never retried nor dead-lettered
            assertThat(refused(subscriber)).isEqualTo(2);
            assertThat(redis.commands().zcard("themepress:events:retry:" + subscriber)).isZero();
            Reply letters = KeyedGet.get(port, "/api/events/dead-letters?addon=" + subscriber, ApiClient.ADMIN_KEY);
            assertThat(letters.json().path("total").asLong()).isZero();
        }
        assertThat(refused("audit")).isZero();
    }

    static String orderAndSource(FakeRuntime.Delivery delivery) {
        return delivery.envelope().path("data").path("orderId").asString() + "@" + delivery.envelope().path("source").asString();
    }

    @Test
    void aBadSourceListIsRefusedAtRegistrationWithPointers() {
        Reply reply = api.post("/api/addons/register", """
                {"name":"picky","version":"1.0.0","permissions":["events.subscribe"],
                 "events":{"subscribes":[{"type":"payment.completed","from":[]},
                                         {"type":"order.*","from":["Not_An_Addon"]},
                                         {"type":"refund.done","from":["payment-gateway"],"trust":"all"}]}}""", examplesKey);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.pointers()).contains("/events/subscribes/0/from", "/events/subscribes/1/from/0",
                "/events/subscribes/2/trust");
    }
}
