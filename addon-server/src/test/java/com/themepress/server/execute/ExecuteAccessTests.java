package com.themepress.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

/**
 * Issue 23, item 4: execute used to need no key and ignore {@code public: false}, so
 * {@code outbox} gave customers' email addresses to anyone. Now an endpoint that is not public answers
 * only the addon's developer (and the operator), and data that breaks the endpoint's inputSchema is
 * refused; in both cases before the runtime hears of the call. The example addons' real manifests are
 * registered, so these tests also hold the examples to what their pages need.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecuteAccessTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .executeAnswer("email-marketing", "outbox", "{\"emails\":[{\"to\":\"alice@example.com\",\"subject\":\"Receipt\"}]}")
            .executeAnswer("email-marketing", "subscribe", "{\"subscribed\":true}")
            .executeAnswer("email-marketing", "manage-subscribers", "{\"subscribers\":[{\"email\":\"alice@example.com\"}]}")
            .executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\"}")
            .executeAnswer("legacy", "ping", "{\"pong\":true}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;
    static String examplesKey;
    static String legacyKey;
    static String strangerKey;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (examplesKey == null) {
            examplesKey = api.developerKey("examples");
            legacyKey = api.developerKey("legacy-dev");
            strangerKey = api.developerKey("stranger");
            registered(Manifests.example("email-marketing"), examplesKey);
            registered(Manifests.example("payment-gateway"), examplesKey);
            // The spec's short form: endpoints as bare names, which cannot say "public".
            registered("{\"name\":\"legacy\",\"version\":\"1.0.0\",\"endpoints\":[\"ping\"]}", legacyKey);
        }
    }

    /** The sign-up widget's endpoint is public; the one whose {@code list} reads every address is not. */
    @Test
    void anonymousSubscriberListGets401() {
        long before = runtimeCalls("email-marketing");

        Reply reply = execute("email-marketing", "{\"action\":\"manage-subscribers\",\"data\":{\"action\":\"list\"}}", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("alice@example.com");
        assertThat(runtimeCalls("email-marketing")).isEqualTo(before);
    }

    @Test
    void anonymousOutboxGets401AndTheRuntimeHearsNothing() {
        long before = runtimeCalls("email-marketing");

        Reply reply = execute("email-marketing", "{\"action\":\"outbox\",\"data\":{}}", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().path("type").asString()).endsWith("/unauthenticated");
        assertThat(reply.pointers()).containsExactly("/action");
        assertThat(reply.body()).doesNotContain("alice@example.com");
        assertThat(execute("email-marketing", "{\"action\":\"send-email\",\"data\":{\"to\":\"x@y.z\",\"subject\":\"hi\"}}", null)
                .status()).isEqualTo(401);
        assertThat(execute("payment-gateway", "{\"action\":\"refund\",\"data\":{\"transactionId\":\"txn_1\"}}", null).status())
                .isEqualTo(401);
        assertThat(runtimeCalls("email-marketing")).isEqualTo(before);
        assertThat(RUNTIME.count("payment-gateway", "1.0.0", "execute/refund")).isZero();
    }

    @Test
    void anotherDevelopersKeyGets403AndAnUnknownKey401() {
        long before = runtimeCalls("email-marketing");

        Reply stranger = execute("email-marketing", "{\"action\":\"outbox\"}", strangerKey);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.isProblem()).isTrue();
        assertThat(stranger.json().path("type").asString()).endsWith("/forbidden");
        assertThat(execute("email-marketing", "{\"action\":\"outbox\"}", "tpk_not-a-key").status()).isEqualTo(401);

        assertThat(runtimeCalls("email-marketing")).isEqualTo(before);
    }

    @Test
    void theOwnersKeyAndTheAdminKeyGetThrough() {
        Reply owner = execute("email-marketing", "{\"action\":\"outbox\",\"data\":{\"limit\":10}}", examplesKey);
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.json().path("emails").get(0).path("to").asString()).isEqualTo("alice@example.com");

        assertThat(execute("email-marketing", "{\"action\":\"outbox\"}", ApiClient.ADMIN_KEY).status()).isEqualTo(200);
    }

    /** What the examples' pages call stays callable without a key. */
    @Test
    void publicEndpointsNeedNoKey() {
        assertThat(execute("email-marketing", "{\"action\":\"subscribe\",\"data\":{\"email\":\"a@b.c\"}}",
                null).status()).isEqualTo(200);
        assertThat(execute("payment-gateway", "{\"action\":\"process-payment\",\"data\":{\"amount\":25,\"currency\":\"EUR\",\"method\":\"card\"}}",
                null).status()).isEqualTo(200);
    }

    /** A short-form endpoint cannot say {@code public}, so it is not: the safe reading of silence. */
    @Test
    void shortFormEndpointsAreNotPublic() {
        assertThat(execute("legacy", "{\"action\":\"ping\"}", null).status()).isEqualTo(401);
        assertThat(execute("legacy", "{\"action\":\"ping\"}", strangerKey).status()).isEqualTo(403);
        Reply owner = execute("legacy", "{\"action\":\"ping\"}", legacyKey);
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.json().path("pong").asBoolean()).isTrue();
    }

    @Test
    void dataThatBreaksTheInputSchemaGets400WithPointersAndNoRuntimeCall() {
        int before = RUNTIME.count("payment-gateway", "1.0.0", "execute/process-payment");

        Reply reply = execute("payment-gateway",
                "{\"action\":\"process-payment\",\"data\":{\"amount\":-5,\"currency\":\"EURO\",\"method\":\"card\"}}", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.pointers()).containsExactly("/data/amount", "/data/currency");
        Reply missing = execute("payment-gateway", "{\"action\":\"process-payment\"}", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.pointers()).containsExactly("/data/amount", "/data/currency", "/data/method");
        Reply wrongType = execute("payment-gateway", "{\"action\":\"process-payment\",\"data\":[1]}", null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.pointers()).containsExactly("/data");
        // The owner is checked like anyone else.
        assertThat(execute("email-marketing", "{\"action\":\"outbox\",\"data\":{\"limit\":0}}", examplesKey).pointers())
                .containsExactly("/data/limit");

        assertThat(RUNTIME.count("payment-gateway", "1.0.0", "execute/process-payment")).isEqualTo(before);
    }

    private Reply execute(String addon, String body, String key) {
        return api.post("/api/addons/" + addon + "/execute", body, key);
    }

    private void registered(String manifest, String key) {
        Reply reply = api.post("/api/addons/register", manifest, key);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Every request the runtime got about {@code addon}: deployments and calls. */
    private static long runtimeCalls(String addon) {
        return RUNTIME.calls().stream().filter(call -> call.addon().equals(addon)).count();
    }
}
