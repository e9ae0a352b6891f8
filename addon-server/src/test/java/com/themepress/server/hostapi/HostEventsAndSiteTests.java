package com.themepress.server.hostapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16: an event posted on the host API is published with the token's addon as {@code source} and
 * the token's site, whatever the body claims, only for declared types and with {@code events.publish}
 * granted there; the site's public data needs {@code site.read}.
 */
@RequiresRedisServer
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.events.read-block=200ms", "themepress.events.sweep-interval=100ms",
        "themepress.host-api.token-key=" + HostEventsAndSiteTests.KEY})
class HostEventsAndSiteTests {

    static final String KEY = "host-events-tests-token-key";
    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final InvocationTokens TOKENS = new TokenKey(KEY).tokens(Optional.empty()).orElseThrow();
    static RedisServer redis;
    static final FakeRuntime RUNTIME = new FakeRuntime();

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
    void eventsCarryTheTokensSourceAndSiteAndNeedTheDeclarationAndTheGrant() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), api.developerKey("examples")).status()).isEqualTo(201);
        assertThat(api.post("/api/addons/register", """
                {"name":"ledger","version":"1.0.0","events":{"subscribes":["payment.*"]},"permissions":["events.subscribe","site.read"]}""",
                api.developerKey("ledger-dev")).status()).isEqualTo(201);
        String alpha = site(api, "alpha");
        String beta = site(api, "beta");
        install(api, alpha, "payment-gateway", "[\"events.publish\"]");
        install(api, alpha, "ledger", "[\"events.subscribe\",\"site.read\"]");
        install(api, beta, "payment-gateway", "[]");
        install(api, beta, "ledger", "[\"events.subscribe\"]");

        HttpResponse<String> published = send("POST", "/internal/host/events", "{\"type\":\"payment.completed\",\"source\":\"someone\","
                + "\"site\":\"beta\",\"data\":{\"orderId\":\"o-1\"}}", token("payment-gateway", "alpha"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !RUNTIME.acknowledged("ledger").isEmpty());
        JsonNode envelope = RUNTIME.acknowledged("ledger").get(0).envelope();
        assertThat(envelope.path("source").asString()).isEqualTo("payment-gateway");
        assertThat(envelope.path("site").asString()).isEqualTo("alpha");
        assertThat(envelope.path("data").path("orderId").asString()).isEqualTo("o-1");

        HttpResponse<String> undeclared = send("POST", "/internal/host/events", "{\"type\":\"order.shipped\",\"data\":{}}",
                token("payment-gateway", "alpha"));
        assertThat(undeclared.statusCode()).isEqualTo(403);
        HttpResponse<String> ungranted = send("POST", "/internal/host/events", "{\"type\":\"payment.completed\",\"data\":{}}",
                token("payment-gateway", "beta"));
        assertThat(ungranted.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(ungranted.body()).path("permission").asString()).isEqualTo("events.publish");
        HttpResponse<String> foreign = send("POST", "/internal/host/events", "{\"type\":\"payment.completed\",\"data\":{}}",
                TokenKeyHolder.OTHER.sign(new InvocationToken("payment-gateway", "1.0.0", "alpha", "c", "i", Clock.systemUTC().millis() + 60_000)));
        assertThat(foreign.statusCode()).isEqualTo(401);

        HttpResponse<String> siteData = send("GET", "/internal/host/site", null, token("ledger", "alpha"));
        assertThat(siteData.statusCode()).as(siteData.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(siteData.body()).path("id").asString()).isEqualTo("alpha");
        assertThat(siteData.body()).doesNotContain("sk_").doesNotContain("keys");
        HttpResponse<String> noSiteRead = send("GET", "/internal/host/site", null, token("ledger", "beta"));
        assertThat(noSiteRead.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(noSiteRead.body()).path("permission").asString()).isEqualTo("site.read");
    }

    /** Tokens signed with a key the addon-server does not hold. */
    static final class TokenKeyHolder {
        static final InvocationTokens OTHER = new TokenKey("not-the-platform-token-key").tokens(Optional.empty()).orElseThrow();
    }

    static String token(String addon, String site) {
        return TOKENS.sign(new InvocationToken(addon, "1.0.0", site, UUID.randomUUID().toString(), "i-1", Clock.systemUTC().millis() + 60_000));
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header(InvocationToken.HEADER, token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String site(ApiClient api, String id) {
        ApiClient.Reply created = api.post("/api/sites", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("keys").path("secret").asString();
    }

    private static void install(ApiClient api, String secret, String addon, String grant) {
        String site = secret.substring(3, secret.lastIndexOf('_'));
        ApiClient.Reply installed = api.post("/api/sites/" + site + "/addons", "{\"addon\":\"" + addon + "\",\"grant\":" + grant + "}", secret);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
