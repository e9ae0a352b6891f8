package com.themepress.server.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamEntry;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 26 section 3: an addon that acted is never reported as failed because Redis was away, and
 * the events of its answer reach the stream once Redis is back: each once, in the order the calls
 * were answered. Redis runs with append-only persistence and is killed (SIGKILL) and started again
 * on its port, as an operator's Redis would be.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.outbox.relay-interval=1s",
        "themepress.events.outbox.max-entries=5",
        "themepress.events.outbox.orphan-after=2s",
        "themepress.events.read-block=200ms"})
class ExecuteOutboxTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final String LOG = "themepress:events:log";
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static RedisServer redis;
    /** payment-gateway approves every payment and emits payment.completed carrying the order it was given. */
    static final FakeRuntime RUNTIME = new FakeRuntime().on("payment-gateway", "execute/process-payment", (call, count) -> Answer.json(
            "{\"status\":\"approved\",\"transactionId\":\"txn-" + call.json().path("orderId").asString() + "\","
                    + "\"events\":[{\"type\":\"payment.completed\",\"data\":{\"orderId\":\"" + call.json().path("orderId").asString()
                    + "\"}}]}"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start(true);
        EmbeddedServerTest.register(registry, DATA);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
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
    MongoTemplate mongo;

    @Autowired
    EventStreams streams;

    static String examplesKey;

    @BeforeEach
    void registerPaymentGateway() {
        if (examplesKey == null) {
            ApiClient api = new ApiClient(port);
            examplesKey = api.developerKey("examples");
            assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), examplesKey).status()).isEqualTo(201);
        }
    }

    @AfterEach
    void redisIsBack() {
        redis.commands(); // (re)connects, and so fails when a test left Redis down
        await().atMost(Duration.ofSeconds(15)).until(() -> depth() == 0);
    }

    @Test
    void theCallerGetsTheAddonsAnswerWhileRedisIsDownAndTheEventIsPublishedOnceWhenItReturns() throws Exception {
        String order = "o-" + UUID.randomUUID();
        redis.kill();

        HttpResponse<String> paid = pay(order, null);

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(json(paid).path("status").asString()).isEqualTo("approved");
        assertThat(json(paid).has("events")).isFalse();
        assertThat(depth()).as("event_outbox_depth while Redis is away").isEqualTo(1);
        assertThat(meters.counter("event_outbox_deferred_total").count()).isPositive();

        redis.launch();
        await().atMost(Duration.ofSeconds(15)).until(() -> completedOrders().contains(order));
        await().atMost(Duration.ofSeconds(5)).until(() -> depth() == 0);
        // two more relay passes: nothing may be appended again
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> completedOrders().stream().filter(order::equals).count() == 1);
    }

    @Test
    void eventsKeepTheOrderOfTheirCallsAcrossAnOutageEvenForACallRightAfterRedisReturns() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        redis.kill();
        for (int i = 1; i <= 3; i++) {
            assertThat(pay(run + "-" + i, null).statusCode()).isEqualTo(200);
        }
        redis.launch();
        // answered before the relay's next pass, so its events must queue behind the three waiting calls
        assertThat(pay(run + "-4", null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> completedOrders().stream().filter(o -> o.startsWith(run)).count() == 4);
        assertThat(completedOrders().stream().filter(o -> o.startsWith(run)))
                .containsExactly(run + "-1", run + "-2", run + "-3", run + "-4");
    }

    @Test
    void aRepeatedKeyedCallWhoseEventsStillWaitGetsItsAnswerAndTheAddonActsOnce() throws Exception {
        String order = "o-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        redis.kill();
        int before = RUNTIME.total("execute/process-payment");

        HttpResponse<String> first = pay(order, key);
        HttpResponse<String> again = pay(order, key);
        HttpResponse<String> otherRequest = pay(order + "-other", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(otherRequest.statusCode()).isEqualTo(422);
        assertThat(RUNTIME.total("execute/process-payment") - before).isEqualTo(1);

        redis.launch();
        await().atMost(Duration.ofSeconds(15)).until(() -> depth() == 0);
        // the outbox handed the answer to the call's record before letting go of it
        HttpResponse<String> later = pay(order, key);
        assertThat(later.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(later.body()).isEqualTo(first.body());
        assertThat(RUNTIME.total("execute/process-payment") - before).isEqualTo(1);
        assertThat(completedOrders().stream().filter(order::equals)).hasSize(1);
    }

    @Test
    void whenTheOutboxHoldsItsBoundExecuteIs503BeforeTheAddonActs() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        redis.kill();
        for (int i = 0; i < 5; i++) {
            assertThat(pay(run + "-" + i, null).statusCode()).isEqualTo(200);
        }
        int before = RUNTIME.total("execute/process-payment");

        HttpResponse<String> refused = pay(run + "-5", null);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(RUNTIME.total("execute/process-payment")).isEqualTo(before);

        redis.launch();
        await().atMost(Duration.ofSeconds(15)).until(() -> completedOrders().stream().filter(o -> o.startsWith(run)).count() == 5);
        assertThat(pay(run + "-5", null).statusCode()).isEqualTo(200);
    }

    /**
     * A replica died after appending a call's events and before deleting its outbox entry: whoever
     * relays the entry later (here the orphan pass, as the entry is old) appends nothing again.
     */
    @Test
    void anEntryWhoseEventsWereAppendedBeforeACrashIsNotAppendedAgain() {
        String order = "o-" + UUID.randomUUID();
        StreamEntry event = new StreamEntry(UUID.randomUUID().toString(), "payment.completed", "payment-gateway", null,
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"payment.completed\",\"source\":\"payment-gateway\","
                        + "\"time\":\"2026-12-05T00:00:00Z\",\"data\":{\"orderId\":\"" + order + "\"}}");
        streams.appendOnce(List.of(event), Duration.ofHours(1));
        mongo.insert(new OutboxEntry("crashed-" + order, "payment-gateway", 1, List.of(event), null, Instant.now().minusSeconds(60)));

        await().atMost(Duration.ofSeconds(15)).until(() -> mongo.findById("crashed-" + order, OutboxEntry.class) == null);
        assertThat(completedOrders().stream().filter(order::equals)).hasSize(1);
    }

    @Test
    void appendOnceAppendsAnEventOnlyOnceHoweverOftenItIsRepeated() {
        StreamEntry event = new StreamEntry(UUID.randomUUID().toString(), "test.once", "t", "site-1", "{}");
        long before = redis.commands().xlen(LOG);

        assertThat(streams.appendOnce(List.of(event), Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(streams.appendOnce(List.of(event, event), Duration.ofMinutes(1))).isZero();

        assertThat(redis.commands().xlen(LOG) - before).isEqualTo(1);
        List<StreamMessage<String, String>> last = redis.commands().xrevrange(LOG, Range.create("-", "+"), io.lettuce.core.Limit.from(1));
        assertThat(last.get(0).getBody()).containsEntry("site", "site-1").containsEntry("type", "test.once");
    }

    private HttpResponse<String> pay(String order, @Nullable String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/addons/payment-gateway/execute"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"process-payment\",\"data\":{\"amount\":25,\"currency\":\"EUR\","
                        + "\"method\":\"card\",\"orderId\":\"" + order + "\"}}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The orderIds of the payment.completed events in the stream, oldest first. */
    private List<String> completedOrders() {
        return redis.commands().xrange(LOG, Range.create("-", "+")).stream()
                .filter(entry -> "payment.completed".equals(entry.getBody().get("type")))
                .map(entry -> MAPPER.readTree(entry.getBody().get("event")).path("data").path("orderId").asString())
                .toList();
    }

    private long depth() {
        return (long) meters.get("event_outbox_depth").gauge().value();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }
}
