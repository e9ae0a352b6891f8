package com.themepress.server.callstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
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
 * {@code GET /api/addons/{name}/stats}: the owner sees its addon's executions, refusals and latency as
 * this replica saw them; another developer and a site key do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallStatsControllerTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime().executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\"}");

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

    @Test
    void theOwnerSeesExecutionsRefusalsAndLatencyAndNobodyElseDoes() throws Exception {
        ApiClient api = new ApiClient(port);
        String owner = api.developerKey("stats-owner");
        String stranger = api.developerKey("stats-stranger");
        assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), owner).status()).isEqualTo(201);
        Reply before = api.get("/api/addons/payment-gateway/stats", owner);

        Reply ok = api.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"process-payment\",\"data\":{\"amount\":5,\"currency\":\"USD\",\"method\":\"card\"}}", owner);
        Reply refused = api.post("/api/addons/payment-gateway/execute", "{\"action\":\"process-payment\",\"data\":{\"amount\":-1}}", owner);
        Reply stats = api.get("/api/addons/payment-gateway/stats", owner);

        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().path("executions").asLong()).isZero();
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(stats.json().path("executions").asLong()).isEqualTo(2);
        assertThat(stats.json().path("refused").asLong()).isEqualTo(1);
        assertThat(stats.json().path("errors").asLong()).isZero();
        assertThat(stats.json().path("maxMillis").asDouble()).isPositive();
        assertThat(stats.json().path("meanMillis").asDouble()).isPositive().isLessThanOrEqualTo(stats.json().path("maxMillis").asDouble());
        assertThat(api.get("/api/addons/payment-gateway/stats", ApiClient.ADMIN_KEY).status()).isEqualTo(200);
        assertThat(api.get("/api/addons/payment-gateway/stats", stranger).status()).isEqualTo(403);
        assertThat(api.get("/api/addons/payment-gateway/stats").status()).isEqualTo(401);
    }

    @Test
    void countsEachAddonApartWithServerErrorsApartFromRefusals() {
        CallStats stats = new CallStats(java.time.Clock.systemUTC());

        stats.record("shop", 200, 2_000_000);
        stats.record("shop", 503, 4_000_000);

        CallStats.Snapshot snapshot = stats.of("shop");
        assertThat(snapshot.executions()).isEqualTo(2);
        assertThat(snapshot.errors()).isEqualTo(1);
        assertThat(snapshot.meanMillis()).isEqualTo(3.0);
        assertThat(snapshot.maxMillis()).isEqualTo(4.0);
        assertThat(stats.of("other").executions()).isZero();
    }
}
