package com.themepress.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
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
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.MutableClock;

/**
 * Issue 26 section 3, in part: a client that repeats an execute with its {@code Idempotency-Key} (its
 * answer was lost, or it got a timeout) must not make the addon act twice, e.g. charge a card twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecuteIdempotencyTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final MutableClock CLOCK = new MutableClock();
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\",\"transactionId\":\"txn_1\"}");
    static final String PAYMENT = "{\"action\":\"process-payment\",\"data\":{\"amount\":25,\"currency\":\"EUR\",\"method\":\"card\"}}";
    static final String OTHER_PAYMENT = "{\"action\":\"process-payment\",\"data\":{\"amount\":99,\"currency\":\"EUR\",\"method\":\"card\"}}";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
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
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    static String examplesKey;

    @BeforeEach
    void register() {
        if (examplesKey == null) {
            ApiClient api = new ApiClient(port);
            examplesKey = api.developerKey("examples");
            assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), examplesKey).status()).isEqualTo(201);
        }
    }

    @Test
    void aRepeatWithTheSameKeyGetsTheStoredAnswerAndTheAddonActsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = payments();

        HttpResponse<String> first = execute(PAYMENT, key, null);
        HttpResponse<String> again = execute(PAYMENT, key, null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body()).contains("txn_1");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(payments() - before).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndReachesNoAddon() throws Exception {
        String key = UUID.randomUUID().toString();
        execute(PAYMENT, key, null);
        int before = payments();

        HttpResponse<String> other = execute(OTHER_PAYMENT, key, null);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("/problems/idempotency-key-reused");
        assertThat(payments()).isEqualTo(before);
    }

    @Test
    void aRepeatWhileTheFirstIsRunningIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        RUNTIME.holdCalls();
        try {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> executeUnchecked(PAYMENT, key));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> RUNTIME.heldCalls() == 1);

            HttpResponse<String> meanwhile = execute(PAYMENT, key, null);

            assertThat(meanwhile.statusCode()).isEqualTo(409);
            assertThat(meanwhile.body()).contains("/problems/call-in-progress");
            RUNTIME.releaseCalls();
            assertThat(first.get().statusCode()).isEqualTo(200);
        } finally {
            RUNTIME.releaseCalls();
        }
        assertThat(execute(PAYMENT, key, null).headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void callersDoNotShareKeysAndAKeyExpiresAfterItsTtl() throws Exception {
        String key = UUID.randomUUID().toString();
        int before = payments();

        execute(PAYMENT, key, null);
        HttpResponse<String> developer = execute(PAYMENT, key, examplesKey);
        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        HttpResponse<String> afterTtl = execute(PAYMENT, key, null);

        assertThat(developer.headers().firstValue("Idempotent-Replayed")).as("another caller's key is not this one's").isEmpty();
        assertThat(afterTtl.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(payments() - before).isEqualTo(3);
    }

    @Test
    void aMalformedKeyIs400BeforeAnythingRuns() throws Exception {
        int before = payments();

        HttpResponse<String> spaces = execute(PAYMENT, "not a key", null);
        HttpResponse<String> tooLong = execute(PAYMENT, "k".repeat(256), null);

        assertThat(spaces.statusCode()).isEqualTo(400);
        assertThat(spaces.body()).contains("/headers/Idempotency-Key");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(payments()).isEqualTo(before);
    }

    private static int payments() {
        return RUNTIME.count("payment-gateway", "1.0.0", "execute/process-payment");
    }

    private HttpResponse<String> executeUnchecked(String body, String idempotencyKey) {
        try {
            return execute(body, idempotencyKey, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> execute(String body, String idempotencyKey, @Nullable String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/addons/payment-gateway/execute"))
                .header("Content-Type", "application/json").header(IdempotencyKeys.HEADER, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
