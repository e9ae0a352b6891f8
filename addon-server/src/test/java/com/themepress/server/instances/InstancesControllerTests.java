package com.themepress.server.instances;

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

/** {@code GET /api/addons/{name}/instances}: the runtime's deployments of that addon only, for its owner and the operator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstancesControllerTests {

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
    void listsTheAddonsDeploymentsWithTheirInstancesForItsOwnerAndTheOperatorOnly() {
        ApiClient api = new ApiClient(port);
        String owner = api.developerKey("instances-owner");
        String stranger = api.developerKey("instances-stranger");
        assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), owner).status()).isEqualTo(201);
        assertThat(api.post("/api/addons/register", Manifests.example("inventory"), owner).status()).isEqualTo(201);
        Reply none = api.get("/api/addons/payment-gateway/instances", owner);
        assertThat(api.post("/api/addons/payment-gateway/execute",
                "{\"action\":\"process-payment\",\"data\":{\"amount\":5,\"currency\":\"USD\",\"method\":\"card\"}}", owner).status()).isEqualTo(200);

        Reply some = api.get("/api/addons/payment-gateway/instances", ApiClient.ADMIN_KEY);

        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().path("deployments")).isEmpty();
        assertThat(some.status()).as(some.body()).isEqualTo(200);
        assertThat(some.json().path("runtimeId").asString()).isEqualTo("fake");
        assertThat(some.json().path("deployments")).hasSize(1);
        assertThat(some.json().path("deployments").get(0).path("version").asString()).isEqualTo("1.0.0");
        assertThat(some.json().path("deployments").get(0).path("instances").get(0).path("state").asString()).isEqualTo("READY");
        assertThat(api.get("/api/addons/inventory/instances", owner).json().path("deployments")).as("another addon's deployment is not listed")
                .isEmpty();
        assertThat(api.get("/api/addons/payment-gateway/instances", stranger).status()).isEqualTo(403);
        assertThat(api.get("/api/addons/payment-gateway/instances").status()).isEqualTo(401);
    }
}
