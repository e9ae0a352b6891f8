package com.themepress.server.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Issue 15: with two sites, an addon's events reach only the subscribers installed on the event's
 * site, and there only with {@code events.subscribe} granted. The events of an execute made with a
 * site's key carry that site.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.read-block=200ms", "themepress.events.sweep-interval=100ms"})
class SiteEventTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static RedisServer redis;
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .on("payment-gateway", "execute/process-payment", (call, count) -> Answer.json("{\"status\":\"approved\",\"events\":"
                    + "[{\"type\":\"payment.completed\",\"data\":{\"orderId\":\"" + call.json().path("orderId").asString() + "\"}}]}"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
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

    @Test
    void aSitesEventsReachOnlyTheSubscribersInstalledThereWithTheGrant() {
        ApiClient api = new ApiClient(port);
        String examples = api.developerKey("examples");
        assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), examples).status()).isEqualTo(201);
        assertThat(api.post("/api/addons/register", """
                {"name":"ledger","version":"1.0.0","events":{"subscribes":["payment.*"]},"permissions":["events.subscribe"]}""",
                api.developerKey("ledger-dev")).status()).isEqualTo(201);
        String alpha = site(api, "alpha");
        String beta = site(api, "beta");
        String gamma = site(api, "gamma");
        for (String key : new String[] {alpha, beta, gamma}) {
            install(api, key, "payment-gateway", "[\"events.publish\"]");
        }
        install(api, alpha, "ledger", "[\"events.subscribe\"]");
        install(api, gamma, "ledger", "[]"); // installed, but not allowed to receive events

        pay(api, alpha, "on-alpha");
        pay(api, beta, "on-beta");
        pay(api, gamma, "on-gamma");

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered("on-alpha") == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> delivered("on-beta") == 0 && delivered("on-gamma") == 0 && delivered("on-alpha") == 1);
        assertThat(RUNTIME.acknowledged("ledger")).allSatisfy(d -> assertThat(d.envelope().path("site").asString()).isEqualTo("alpha"));
        // issue 16: the delivery names the site in a header too, so that the container's token is bound to it
        assertThat(RUNTIME.calls()).filteredOn(call -> call.addon().equals("ledger") && call.function().equals("events"))
                .isNotEmpty().allSatisfy(call -> assertThat(call.site()).isEqualTo("alpha"));
    }

    private static long delivered(String order) {
        return RUNTIME.deliveries().stream()
                .filter(d -> d.addon().equals("ledger") && d.envelope().path("data").path("orderId").asString().equals(order)).count();
    }

    private static String site(ApiClient api, String id) {
        Reply created = api.post("/api/sites", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("keys").path("secret").asString();
    }

    private static void install(ApiClient api, String secret, String addon, String grant) {
        String site = secret.substring(3, secret.lastIndexOf('_'));
        Reply installed = api.post("/api/sites/" + site + "/addons", "{\"addon\":\"" + addon + "\",\"grant\":" + grant + "}", secret);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    private static void pay(ApiClient api, String secret, String order) {
        Reply paid = api.post("/api/addons/payment-gateway/execute", "{\"action\":\"process-payment\",\"data\":{\"amount\":5,"
                + "\"currency\":\"EUR\",\"method\":\"card\",\"orderId\":\"" + order + "\"}}", secret);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }
}
