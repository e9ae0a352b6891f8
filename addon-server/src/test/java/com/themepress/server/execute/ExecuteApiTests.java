package com.themepress.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

/**
 * The addon-server's half of the execute path. The fake runtime plays the runtime's API on loopback
 * (the runtime itself is tested against Docker in its own module), so these tests can pin down lazy
 * deployment, relaying and event stripping exactly. Who may call which endpoint, and the input check,
 * are in {@link ExecuteAccessTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecuteApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final List<EmittedEvent> PUBLISHED = new CopyOnWriteArrayList<>();
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .on("shop", "execute/charge", (call, count) -> Answer.json("{\"transactionId\":\"tx-1\",\"echo\":" + call.text()
                    + ",\"events\":[{\"type\":\"payment.completed\",\"data\":{\"amount\":5}},{\"type\":\"admin.takeover\",\"data\":{}}]}"))
            .on("shop", "execute/refund", (call, count) ->
                    new Answer(400, "application/problem+json", "{\"title\":\"amount must be positive\",\"status\":400}", true))
            // As examples/payment-gateway answers its decline test card: 402 problem+json carrying payment.failed.
            .on("payment-gateway", "execute/process-payment", (call, count) -> new Answer(402,
                    "application/problem+json; charset=utf-8", """
                    {"type":"https://themepress.dev/problems/payment-declined","title":"Payment declined","status":402,
                     "detail":"The card was declined.",
                     "events":[{"type":"payment.failed","data":{"orderId":"o-9","reason":"card-declined"}},
                               {"type":"inventory.low-stock","data":{}}]}
                    """, true));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @TestConfiguration
    static class RecordEvents {
        @Bean
        @Primary
        EmittedEvents recordingEvents() {
            return new EmittedEvents() {
                @Override
                public void commit(String callId, String source, List<EmittedEvent> events, @Nullable CallAnswer answer) {
                    PUBLISHED.addAll(events);
                }

                @Override
                public Optional<CallAnswer> pendingAnswer(String callId) {
                    return Optional.empty();
                }
            };
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;
    static String shopKey;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        PUBLISHED.clear();
        if (shopKey == null) {
            shopKey = api.developerKey("shopkeeper");
            Reply reply = api.post("/api/addons/register", """
                    {"name":"shop","version":"1.0.0",
                     "endpoints":[{"name":"charge","public":true},"refund"],
                     "events":{"publishes":["payment.completed"]},"permissions":["events.publish"]}
                    """, shopKey);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            Reply example = api.post("/api/addons/register", Manifests.example("payment-gateway"), api.developerKey("examples"));
            assertThat(example.status()).as(example.body()).isEqualTo(201);
        }
    }

    @Test
    void deploysLazilyRelaysTheAnswerAndPublishesOnlyDeclaredEvents() {
        Reply reply = api.post("/api/addons/shop/execute", "{\"action\":\"charge\",\"data\":{\"amount\":5}}", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("transactionId").asString()).isEqualTo("tx-1");
        assertThat(reply.json().path("echo").path("amount").asInt()).isEqualTo(5);
        assertThat(reply.json().has("events")).isFalse();
        assertThat(RUNTIME.calls()).anyMatch(c -> c.line().equals("PUT /runtime/deployments/shop/1.0.0")
                && c.text().startsWith("{\"image\":\"themepress/addon-shop:1.0.0\""));
        assertThat(PUBLISHED).extracting(EmittedEvent::type).containsExactly("payment.completed");
    }

    @Test
    void relaysTheAddonsOwn4xx() {
        Reply reply = api.post("/api/addons/shop/execute", "{\"action\":\"refund\",\"data\":{}}", shopKey);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("amount must be positive");
    }

    @Test
    void refusesUnknownActionsAndAddonsWith404() {
        Reply unknownAction = api.post("/api/addons/shop/execute", "{\"action\":\"mint-money\"}", null);
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownAction.json().path("detail").asString()).contains("charge, refund");

        assertThat(api.post("/api/addons/nobody/execute", "{\"action\":\"x\"}", null).status()).isEqualTo(404);
        assertThat(api.post("/api/addons/shop/execute", "{\"data\":{}}", null).status()).isEqualTo(400);
        assertThat(api.post("/api/addons/shop/execute", "[1,2]", null).status()).isEqualTo(400);
    }

    /**
     * Spec section 6 for 4xx answers too: the example's declined payment answers 402 with
     * {@code payment.failed}; the caller sees the problem without the array and the event is published
     * (only the declared type: {@code inventory.low-stock} is not payment-gateway's to publish).
     */
    @Test
    void eventsInA4xxAnswerAreRemovedAndPublishedLikeA2xxs() {
        Reply reply = api.post("/api/addons/payment-gateway/execute", """
                {"action":"process-payment","data":{"amount":25,"currency":"EUR","method":"card","cardNumber":"4000000000000002"}}
                """, null);

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).isEqualTo("The card was declined.");
        assertThat(reply.json().has("events")).as(reply.body()).isFalse();
        assertThat(PUBLISHED).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo("payment-gateway");
            assertThat(event.type()).isEqualTo("payment.failed");
            assertThat(event.data().path("orderId").asString()).isEqualTo("o-9");
        });
    }
}
