package com.themepress.server.addonstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16: two addons on two sites, and every cross-addon and cross-site read or write a token can
 * try is refused (403 or 404); tokens signed with another key, expired or absent get 401; versions
 * and the site admin's read-only view. The runtime's own checks (the call still running, the
 * instance's address) are {@code CallTokensTests}' and the Docker test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.host-api.token-key=" + HostStorageIsolationTests.KEY)
class HostStorageIsolationTests {

    static final String KEY = "host-storage-tests-token-key";
    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final FakeRuntime RUNTIME = new FakeRuntime();
    static final InvocationTokens TOKENS = new TokenKey(KEY).tokens(Optional.empty()).orElseThrow();
    static final String STORAGE = "[\"storage.read\",\"storage.write\"]";

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

    @Autowired
    MeterRegistry meters;

    static boolean registered;
    String alpha;
    String beta;
    String alphaKey;
    String betaKey;

    @BeforeEach
    void twoAddonsOnTwoSites() {
        ApiClient api = new ApiClient(port);
        if (!registered) {
            for (String addon : new String[] {"notes", "ledger"}) {
                assertThat(api.post("/api/addons/register", "{\"name\":\"" + addon + "\",\"version\":\"1.0.0\",\"permissions\":"
                        + "[\"storage.read\",\"storage.write\",\"site.read\"]}", api.developerKey(addon + "-dev")).status()).isEqualTo(201);
            }
            registered = true;
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        alpha = "alpha-" + run;
        beta = "beta-" + run;
        alphaKey = site(api, alpha);
        betaKey = site(api, beta);
        install(api, alpha, alphaKey, "notes", STORAGE);
        install(api, alpha, alphaKey, "ledger", STORAGE);
        install(api, beta, betaKey, "notes", "[\"storage.read\"]");
    }

    @Test
    void anAddonWritesAndReadsItsOwnDocumentsWithVersions() throws Exception {
        String notes = token("notes", alpha);
        HttpResponse<String> created = send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":5}", notes, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        HttpResponse<String> updated = send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":4}", notes, "\"1\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).path("version").asLong()).isEqualTo(2);
        HttpResponse<String> stale = send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":3}", notes, "\"1\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(send("GET", "/internal/host/storage/stock/sku-1", null, notes, null)).path("data").path("qty").asInt()).isEqualTo(4);
        assertThat(meters.get("addon.storage.bytes").tag("addon_id", "notes").gauge().value()).as("addon_storage_bytes").isPositive();
    }

    @Test
    void anotherAddonOnTheSameSiteSeesNoneOfItAndWritesItsOwn() throws Exception {
        assertThat(send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":5}", token("notes", alpha), null).statusCode()).isEqualTo(201);
        String ledger = token("ledger", alpha);
        assertThat(send("GET", "/internal/host/storage/stock/sku-1", null, ledger, null).statusCode()).isEqualTo(404);
        assertThat(json(send("POST", "/internal/host/storage/stock/_query", "{}", ledger, null)).path("documents")).isEmpty();
        assertThat(send("DELETE", "/internal/host/storage/stock/sku-1", null, ledger, null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":99}", ledger, null).statusCode()).isEqualTo(201);
        assertThat(json(send("GET", "/internal/host/storage/stock/sku-1", null, token("notes", alpha), null)).path("data").path("qty").asInt())
                .as("notes' own document is untouched").isEqualTo(5);
    }

    @Test
    void theSameAddonOnAnotherSiteSeesNoneOfItAndWritesOnlyWithTheGrant() throws Exception {
        assertThat(send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":5}", token("notes", alpha), null).statusCode()).isEqualTo(201);
        String onBeta = token("notes", beta);
        assertThat(send("GET", "/internal/host/storage/stock/sku-1", null, onBeta, null).statusCode()).isEqualTo(404);
        HttpResponse<String> write = send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":0}", onBeta, null);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(json(write).path("type").asString()).endsWith("/permission-denied");
        assertThat(json(write).path("permission").asString()).isEqualTo("storage.write");
    }

    @Test
    void aSiteTheAddonIsNotInstalledOnOrNoSiteAtAllIsRefused() throws Exception {
        String ledgerOnBeta = token("ledger", beta); // signed, but ledger is not installed on beta
        assertThat(send("GET", "/internal/host/storage/stock/sku-1", null, ledgerOnBeta, null).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/internal/host/storage/stock/sku-1", "{}", ledgerOnBeta, null).statusCode()).isEqualTo(403);
        String noSite = TOKENS.sign(new InvocationToken("notes", "1.0.0", "", "c", "i", Clock.systemUTC().millis() + 60_000));
        assertThat(send("GET", "/internal/host/storage/stock/sku-1", null, noSite, null).statusCode()).isEqualTo(403);
    }

    @Test
    void forgedExpiredAndMissingTokensAreRefused() throws Exception {
        InvocationTokens otherKey = new TokenKey("some-other-token-key-xyz").tokens(Optional.empty()).orElseThrow();
        String forged = otherKey.sign(new InvocationToken("notes", "1.0.0", alpha, "c", "i", Clock.systemUTC().millis() + 60_000));
        String expired = TOKENS.sign(new InvocationToken("notes", "1.0.0", alpha, "c", "i", Clock.systemUTC().millis() - 1));
        for (String token : new String[] {forged, expired, null}) {
            HttpResponse<String> refused = send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":1}", token, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        }
        assertThat(send("GET", "/internal/host/storage/stock/sku-1", null, token("notes", alpha), null).statusCode()).isEqualTo(404);
    }

    @Test
    void queriesFilterByEqualityAndRangeSortAndLimit() throws Exception {
        String notes = token("notes", alpha);
        for (int i = 1; i <= 6; i++) {
            send("PUT", "/internal/host/storage/stock/sku-" + i, "{\"qty\":" + i + ",\"kind\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}",
                    notes, null);
        }
        JsonNode found = json(send("POST", "/internal/host/storage/stock/_query",
                "{\"where\":{\"kind\":\"even\",\"qty\":{\"gte\":2,\"lt\":6}},\"sort\":[{\"field\":\"qty\",\"order\":\"desc\"}],\"limit\":5}",
                notes, null)).path("documents");
        assertThat(found).extracting(d -> d.path("id").asString()).containsExactly("sku-4", "sku-2");
        JsonNode limited = json(send("POST", "/internal/host/storage/stock/_query", "{\"sort\":[{\"field\":\"qty\"}],\"limit\":2}", notes, null));
        assertThat(limited.path("documents")).extracting(d -> d.path("id").asString()).containsExactly("sku-1", "sku-2");
        HttpResponse<String> operator = send("POST", "/internal/host/storage/stock/_query", "{\"where\":{\"$where\":\"1\"}}", notes, null);
        assertThat(operator.statusCode()).isEqualTo(400);
        assertThat(send("POST", "/internal/host/storage/stock/_query", "{\"limit\":1000}", notes, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theSiteAdminReadsItsOwnSitesDataOnly() throws Exception {
        send("PUT", "/internal/host/storage/stock/sku-1", "{\"qty\":5}", token("notes", alpha), null);
        ApiClient api = new ApiClient(port);
        ApiClient.Reply overview = api.get("/api/sites/" + alpha + "/addons/notes/storage", alphaKey);
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().path("collections")).extracting(JsonNode::asString).containsExactly("stock");
        assertThat(overview.json().path("documents").asLong()).isEqualTo(1);
        assertThat(api.get("/api/sites/" + alpha + "/addons/notes/storage/stock/sku-1", alphaKey).json().path("data").path("qty").asInt())
                .isEqualTo(5);
        assertThat(api.get("/api/sites/" + alpha + "/addons/notes/storage/stock", alphaKey).json().path("documents")).hasSize(1);
        assertThat(api.get("/api/sites/" + alpha + "/addons/notes/storage", betaKey).status()).isEqualTo(403);
        assertThat(api.get("/api/sites/" + alpha + "/addons/notes/storage").status()).isEqualTo(401);
        assertThat(api.get("/api/sites/" + beta + "/addons/notes/storage/stock/sku-1", betaKey).status()).isEqualTo(404);
    }

    static String token(String addon, String site) {
        return TOKENS.sign(new InvocationToken(addon, "1.0.0", site, UUID.randomUUID().toString(), "i-1", Clock.systemUTC().millis() + 60_000));
    }

    HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header(InvocationToken.HEADER, token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }

    static String site(ApiClient api, String id) {
        ApiClient.Reply created = api.post("/api/sites", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("keys").path("secret").asString();
    }

    static void install(ApiClient api, String site, String secret, String addon, String grant) {
        ApiClient.Reply installed = api.post("/api/sites/" + site + "/addons", "{\"addon\":\"" + addon + "\",\"grant\":" + grant + "}", secret);
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }
}
