package com.themepress.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15 at the API: a site admin installs, grants, configures, upgrades, rolls back and
 * uninstalls with the site's secret key, and every line a key must not cross is tried: another
 * site's key, a publishable key from a foreign origin, an addon not installed, an ungranted permission.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteInstallationTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final FakeRuntime RUNTIME = new FakeRuntime()
            .executeAnswer("payment-gateway", "refund", "{\"refunded\":true}")
            .executeAnswer("payment-gateway", "process-payment", "{\"status\":\"approved\"}");

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

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    static String examplesKey;
    String site;
    String secret;
    String publishable;

    @BeforeEach
    void registerExamplesAndCreateASite() throws Exception {
        if (examplesKey == null) {
            ApiClient api = new ApiClient(port);
            examplesKey = api.developerKey("examples");
            assertThat(api.post("/api/addons/register", Manifests.example("payment-gateway"), examplesKey).status()).isEqualTo(201);
            assertThat(api.post("/api/addons/register", Manifests.example("inventory"), examplesKey).status()).isEqualTo(201);
        }
        site = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = send("POST", "/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Shop\",\"origins\":[\"https://shop.example\"]}",
                ApiClient.ADMIN_KEY, null, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        secret = created.json().path("keys").path("secret").asString();
        publishable = created.json().path("keys").path("publishable").asString();
    }

    @Test
    void onlyTheOperatorCreatesSitesAndTheKeysAreShownOnceAndStoredHashed() throws Exception {
        assertThat(secret).startsWith("sk_" + site + "_");
        assertThat(publishable).startsWith("pk_" + site + "_");
        String body = "{\"id\":\"other-" + site + "\",\"name\":\"Other\",\"origins\":[]}";
        assertThat(send("POST", "/api/sites", body, null, null, null).status()).isEqualTo(401);
        assertThat(send("POST", "/api/sites", body, examplesKey, null, null).status()).isEqualTo(403);
        assertThat(send("POST", "/api/sites", body, secret, null, null).status()).isEqualTo(403);

        Reply keys = send("GET", "/api/sites/" + site + "/keys", null, secret, null, null);
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).doesNotContain(secret.substring(10)).doesNotContain(publishable.substring(10));
        assertThat(keys.json()).hasSize(2);
    }

    @Test
    void badSiteInputIs400WithPointersAndChangesNothing() throws Exception {
        Reply bad = send("POST", "/api/sites", "{\"id\":\"-no\",\"name\":\"\",\"origins\":[\"https://ok.example\",\"ftp://x\","
                + "\"https://x.example/path\",\"https://ok.example\"],\"color\":1}", ApiClient.ADMIN_KEY, null, null);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(pointers(bad)).contains("/id", "/name", "/origins/1", "/origins/2", "/origins/3", "/color");
        assertThat(send("GET", "/api/sites/-no", null, ApiClient.ADMIN_KEY, null, null).status()).isIn(400, 404);
        assertThat(send("POST", "/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Again\",\"origins\":[]}", ApiClient.ADMIN_KEY, null, null)
                .status()).isEqualTo(409);
    }

    @Test
    void anEndpointThatNeedsAnUngrantedPermissionIs403NamingItAndRunsOnceGranted() throws Exception {
        Reply installed = install("payment-gateway", "1.0.0", "{\"settings\":{\"mode\":\"test\"}}", "[\"events.publish\"]");
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        int before = RUNTIME.total("execute/refund");

        Reply denied = execute("refund", "{\"transactionId\":\"txn_1\"}", secret, null);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().path("type").asString()).endsWith("/permission-denied");
        assertThat(denied.json().path("permission").asString()).isEqualTo("storage.write");
        assertThat(RUNTIME.total("execute/refund")).isEqualTo(before);

        Reply granted = send("PATCH", "/api/sites/" + site + "/addons/payment-gateway", "{\"grant\":[\"events.publish\",\"storage.write\"]}",
                secret, null, null);
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        Reply allowed = execute("refund", "{\"transactionId\":\"txn_1\"}", secret, null);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(RUNTIME.total("execute/refund")).isEqualTo(before + 1);
        FakeRuntime.Call call = RUNTIME.calls().stream().filter(c -> c.function().equals("execute/refund")).reduce((a, b) -> b).orElseThrow();
        assertThat(call.site()).as("the container hears which site the call is for").isEqualTo(site);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(call.settings()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"mode\":\"test\"}");
    }

    @Test
    void keysAreHonouredOnlyWhereTheyBelong() throws Exception {
        install("payment-gateway", "^1.0.0", null, "[\"events.publish\"]");
        String payment = "{\"amount\":5,\"currency\":\"EUR\",\"method\":\"card\"}";

        assertThat(execute("process-payment", payment, publishable, "https://shop.example").status()).isEqualTo(200);
        assertThat(execute("process-payment", payment, publishable, "https://evil.example").status()).isEqualTo(403);
        assertThat(execute("process-payment", payment, publishable, null).status()).isEqualTo(403);
        assertThat(execute("refund", "{\"transactionId\":\"t\"}", publishable, "https://shop.example").status())
                .as("a page key calls only public endpoints").isEqualTo(403);
        assertThat(send("GET", "/api/sites/" + site + "/addons", null, publishable, null, null).status())
                .as("a page key does not manage the site").isEqualTo(403);

        Reply other = send("POST", "/api/sites", "{\"id\":\"x" + site + "\",\"name\":\"Other\",\"origins\":[]}", ApiClient.ADMIN_KEY, null, null);
        String otherSecret = other.json().path("keys").path("secret").asString();
        assertThat(send("GET", "/api/sites/" + site + "/addons", null, otherSecret, null, null).status()).isEqualTo(403);
        assertThat(send("POST", "/api/sites/" + site + "/addons", "{\"addon\":\"inventory\"}", otherSecret, null, null).status()).isEqualTo(403);
        Reply notInstalled = execute("process-payment", payment, otherSecret, null);
        assertThat(notInstalled.status()).as("not installed on the other site").isEqualTo(404);
        assertThat(send("GET", "/internal/widgets/payment-gateway/checkout-form?site=x" + site, null, null, null, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/sites/" + site + "/addons", null, secret.substring(0, secret.length() - 2) + "00", null, null).status())
                .isEqualTo(401);
    }

    @Test
    void configIsCheckedWithPointersSavedWithDefaultsAndResolvedForTheSiteAtOnceAfterAPatch() throws Exception {
        Reply bad = install("payment-gateway", "1.0.0", "{\"widgets\":{\"checkout-form\":{\"currency\":\"dollars\"},\"nope\":{}}}",
                "[\"events.publish\"]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(pointers(bad)).contains("/config/widgets/checkout-form/currency", "/config/widgets/nope");
        assertThat(send("GET", "/api/sites/" + site + "/addons/payment-gateway", null, secret, null, null).status())
                .as("a refused install changes nothing").isEqualTo(404);

        Reply ok = install("payment-gateway", "1.0.0", "{\"widgets\":{\"checkout-form\":{\"currency\":\"EUR\"}}}", "[\"events.publish\"]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("config").path("widgets").path("checkout-form").path("currency").asString()).isEqualTo("EUR");
        assertThat(ok.json().path("config").path("widgets").path("checkout-form").has("title")).as("defaults filled in").isTrue();
        assertThat(resolvedConfig().path("currency").asString()).isEqualTo("EUR");

        Reply patched = send("PATCH", "/api/sites/" + site + "/addons/payment-gateway",
                "{\"config\":{\"widgets\":{\"checkout-form\":{\"currency\":\"GBP\"}}}}", secret, null, "\"1\"");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(resolvedConfig().path("currency").asString()).as("the next resolution, no waiting").isEqualTo("GBP");
        Reply stale = send("PATCH", "/api/sites/" + site + "/addons/payment-gateway", "{\"config\":{}}", secret, null, "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(resolvedConfig().path("currency").asString()).isEqualTo("GBP");

        String resolution = "/internal/widgets/payment-gateway/checkout-form?site=" + site;
        assertThat(send("GET", resolution, null, null, null, null).json().path("pageScript").asBoolean()).isFalse();
        Reply trusted = send("PATCH", "/api/sites/" + site + "/addons/payment-gateway", "{\"grant\":[\"events.publish\",\"page.script\"]}",
                secret, null, "\"2\"");
        assertThat(trusted.status()).as(trusted.body()).isEqualTo(200);
        assertThat(send("GET", resolution, null, null, null, null).json().path("pageScript").asBoolean())
                .as("the site let the addon's widget script into its pages").isTrue();
    }

    @Test
    void anUpgradeAskingForMoreIsRefusedUntilGrantedAndRollbackRestoresVersionConfigAndGrant() throws Exception {
        String v11 = Manifests.example("payment-gateway").replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"")
                .replace("\"events.publish\", \"storage.read\", \"storage.write\"]",
                        "\"events.publish\", \"storage.read\", \"storage.write\", \"site.read\"]");
        ApiClient.Reply registered = new ApiClient(port).post("/api/addons/register", v11, examplesKey);
        assertThat(registered.status()).as(registered.body()).isIn(201, 409);
        install("payment-gateway", "1.0.0", "{\"widgets\":{\"checkout-form\":{\"currency\":\"EUR\"}}}", "[\"events.publish\"]");

        Reply refused = send("PUT", "/api/sites/" + site + "/addons/payment-gateway", "{\"version\":\"1.1.0\"}", secret, null, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("site.read");
        assertThat(send("GET", "/api/sites/" + site + "/addons/payment-gateway", null, secret, null, null).json().path("version").asString())
                .isEqualTo("1.0.0");

        Reply upgraded = send("PUT", "/api/sites/" + site + "/addons/payment-gateway",
                "{\"version\":\"1.1.0\",\"grant\":[\"events.publish\",\"site.read\"],\"config\":{\"widgets\":{\"checkout-form\":{\"currency\":\"USD\"}}}}",
                secret, null, null);
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        assertThat(upgraded.json().path("version").asString()).isEqualTo("1.1.0");

        Reply rolledBack = send("POST", "/api/sites/" + site + "/addons/payment-gateway/rollback", null, secret, null, null);
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().path("version").asString()).isEqualTo("1.0.0");
        assertThat(rolledBack.json().path("grant").toString()).isEqualTo("[\"events.publish\"]");
        assertThat(rolledBack.json().path("config").path("widgets").path("checkout-form").path("currency").asString()).isEqualTo("EUR");
        assertThat(rolledBack.json().path("revision").asInt()).isEqualTo(3);
        assertThat(send("GET", "/internal/widgets/payment-gateway/checkout-form?site=" + site, null, null, null, null).json()
                .path("version").asString()).as("the site renders what it installed").isEqualTo("1.0.0");
        assertThat(send("GET", "/internal/widgets/payment-gateway/checkout-form", null, null, null, null).json().path("version").asString())
                .isEqualTo("1.1.0");

        Reply audit = send("GET", "/api/sites/" + site + "/audit", null, secret, null, null);
        List<String> actions = new ArrayList<>();
        audit.json().path("entries").forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).containsSubsequence("rolled-back", "upgraded", "installed", "site-created");
    }

    @Test
    void dependenciesAreCheckedOnTheSiteAndAnInstalledVersionCannotBeWithdrawn() throws Exception {
        ApiClient api = new ApiClient(port);
        String shop = "dep-shop-" + site.substring(5);
        String manifest = "{\"name\":\"" + shop + "\",\"version\":\"1.0.0\",\"dependencies\":{\"inventory\":\"^1.0.0\"}}";
        assertThat(api.post("/api/addons/register", manifest, examplesKey).status()).isEqualTo(201);

        Reply missing = install(shop, "1.0.0", null, "[]");
        assertThat(missing.status()).isEqualTo(409);
        assertThat(pointers(missing)).containsExactly("/dependencies/inventory");

        assertThat(install("inventory", "1.0.0", null, "[]").status()).isEqualTo(201);
        assertThat(install(shop, "1.0.0", null, "[]").status()).isEqualTo(201);
        assertThat(send("DELETE", "/api/sites/" + site + "/addons/inventory", null, secret, null, null).status()).isEqualTo(409);
        assertThat(api.delete("/api/addons/" + shop + "/versions/1.0.0", examplesKey).status()).as("withdraw an installed version")
                .isEqualTo(409);
        assertThat(send("DELETE", "/api/sites/" + site + "/addons/" + shop, null, secret, null, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/sites/" + site + "/addons/inventory", null, secret, null, null).status()).isEqualTo(204);
    }

    @Test
    void aCallForASiteThatDidNotGrantNetworkOutboundNeverRunsInAnInstanceWithARouteOut() throws Exception {
        String fetcher = "fetcher-" + site.substring(5);
        assertThat(new ApiClient(port).post("/api/addons/register", "{\"name\":\"" + fetcher + "\",\"version\":\"1.0.0\","
                + "\"endpoints\":[{\"name\":\"fetch\"}],\"permissions\":[\"network.outbound\"]}", examplesKey).status()).isEqualTo(201);
        RUNTIME.executeAnswer(fetcher, "fetch", "{\"ok\":true}");
        install(fetcher, "1.0.0", null, "[]");

        Reply offline = send("POST", "/api/addons/" + fetcher + "/execute", "{\"action\":\"fetch\",\"data\":{}}", secret, null, null);
        send("PATCH", "/api/sites/" + site + "/addons/" + fetcher, "{\"grant\":[\"network.outbound\"]}", secret, null, null);
        Reply online = send("POST", "/api/addons/" + fetcher + "/execute", "{\"action\":\"fetch\",\"data\":{}}", secret, null, null);

        assertThat(offline.status()).isEqualTo(200);
        assertThat(online.status()).isEqualTo(200);
        List<FakeRuntime.Call> deploys = RUNTIME.calls().stream().filter(c -> c.method().equals("PUT") && c.addon().equals(fetcher)).toList();
        assertThat(deploys).extracting(FakeRuntime.Call::version).containsExactly("1.0.0+offline", "1.0.0");
        assertThat(deploys.get(0).json().path("networkOutbound").asBoolean()).isFalse();
        assertThat(deploys.get(1).json().path("networkOutbound").asBoolean()).isTrue();
        assertThat(RUNTIME.count(fetcher, "1.0.0+offline", "execute/fetch")).isEqualTo(1);
        assertThat(RUNTIME.count(fetcher, "1.0.0", "execute/fetch")).isEqualTo(1);
    }

    @Test
    void anInstallationKeepsItsLastTwentyRevisionsAndStillRollsBack() throws Exception {
        install("payment-gateway", "1.0.0", null, "[\"events.publish\"]");
        for (int i = 0; i < 25; i++) {
            String grant = i % 2 == 0 ? "[\"events.publish\",\"storage.write\"]" : "[\"events.publish\"]";
            assertThat(send("PATCH", "/api/sites/" + site + "/addons/payment-gateway", "{\"grant\":" + grant + "}", secret, null, null)
                    .status()).isEqualTo(200);
        }

        long kept = mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("site").is(site)), InstallationRevision.class);
        Reply rolledBack = send("POST", "/api/sites/" + site + "/addons/payment-gateway/rollback", null, secret, null, null);

        assertThat(kept).isEqualTo(InstallationDirectory.KEPT_REVISIONS);
        assertThat(rolledBack.status()).isEqualTo(200);
        assertThat(rolledBack.json().path("revision").asInt()).isEqualTo(27);
        assertThat(rolledBack.json().path("grant").toString()).as("revision 25's grant").isEqualTo("[\"events.publish\"]");
    }

    @Test
    void rotatingAKeyStopsTheOldOneAtOnce() throws Exception {
        Reply keys = send("GET", "/api/sites/" + site + "/keys", null, ApiClient.ADMIN_KEY, null, null);
        String secretId = null;
        for (JsonNode key : keys.json()) {
            if (key.path("kind").asString().equals("secret")) {
                secretId = key.path("id").asString();
            }
        }
        Reply rotated = send("POST", "/api/sites/" + site + "/keys/" + secretId + "/rotate", null, secret, null, null);
        assertThat(rotated.status()).isEqualTo(201);
        String fresh = rotated.json().path("secret").asString();

        assertThat(send("GET", "/api/sites/" + site, null, secret, null, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/sites/" + site, null, fresh, null, null).status()).isEqualTo(200);
    }

    private JsonNode resolvedConfig() throws Exception {
        Reply resolved = send("GET", "/internal/widgets/payment-gateway/checkout-form?site=" + site, null, null, null, null);
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return resolved.json().path("savedConfig");
    }

    private Reply install(String addon, String version, @Nullable String config, String grant) throws Exception {
        return send("POST", "/api/sites/" + site + "/addons", "{\"addon\":\"" + addon + "\",\"version\":\"" + version + "\",\"grant\":" + grant
                + (config == null ? "" : ",\"config\":" + config) + "}", secret, null, null);
    }

    private Reply execute(String action, String data, String key, @Nullable String origin) throws Exception {
        return send("POST", "/api/addons/payment-gateway/execute", "{\"action\":\"" + action + "\",\"data\":" + data + "}", key, origin, null);
    }

    private Reply send(String method, String path, @Nullable String body, @Nullable String key, @Nullable String origin, @Nullable String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static List<String> pointers(Reply reply) {
        List<String> pointers = new ArrayList<>();
        reply.json().path("errors").forEach(error -> pointers.add(error.path("pointer").asString()));
        return pointers;
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return MAPPER.readTree(body);
        }
    }
}
