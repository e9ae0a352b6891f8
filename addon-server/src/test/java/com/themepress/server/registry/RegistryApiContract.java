package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.Manifests;

/**
 * The registry API end to end over HTTP. Written once and run against each store: the embedded
 * MongoDB-wire server ({@link EmbeddedRegistryApiTests}) and a real MongoDB ({@link RealMongoRegistryApiTests}).
 */
// The contract registers dozens of addons under one developer, and the spec's seed (payment-gateway,
// without an image) under acme: caps and the examples' images are Quota- and ImageRegistrationTests' business.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.quotas.developer-memory-mb=1000000", "themepress.quotas.developer-cpus=1000",
        "themepress.quotas.developer-instances=100000", "themepress.images.namespaces.examples="})
abstract class RegistryApiContract {

    @LocalServerPort
    int port;

    ApiClient api;
    String acme;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        acme = api.developerKey("acme");
    }

    /** Names unique per test, so tests sharing one store never collide. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void registersTheShortSeedManifestAsWritten() {
        Reply reply = api.post("/api/addons/register", Manifests.SHORT_SEED, acme);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.location()).isEqualTo("/api/addons/payment-gateway/versions/1.0.0");
        assertThat(reply.json().at("/manifest/widgets/1/name").asString()).isEqualTo("payment-form");
        assertThat(reply.json().at("/manifest/resources/memoryMb").asInt()).isEqualTo(512);

        Reply again = api.post("/api/addons/register", Manifests.SHORT_SEED, acme);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().path("type").asString()).endsWith("/version-exists");
    }

    @Test
    void rejectsDuplicateVersionEvenWithOtherBuildMetadata() {
        String name = unique("dup");
        assertThat(api.post("/api/addons/register", Manifests.minimal(name, "1.0.0+build.1"), acme).status()).isEqualTo(201);
        assertThat(api.post("/api/addons/register", Manifests.minimal(name, "1.0.0+build.2"), acme).status()).isEqualTo(409);
    }

    @Test
    void registersFullFormWithDependenciesAndReadsItBack() {
        String base = unique("base");
        api.post("/api/addons/register", Manifests.minimal(base, "1.2.0"), acme);
        String shop = unique("shop");

        Reply reply = api.post("/api/addons/register", Manifests.full(shop, "2.0.0", "{\"" + base + "\": \"^1.0.0\"}"), acme);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().at("/resolvedDependencies/" + base).asString()).isEqualTo("1.2.0");
        Reply detail = api.get("/api/addons/" + shop);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().path("latestVersion").asString()).isEqualTo("2.0.0");
        assertThat(detail.json().path("owner").asString()).isEqualTo("acme");
        assertThat(detail.json().at("/manifest/widgets/0/configSchema/properties/columns/default").asInt()).isEqualTo(3);
        assertThat(detail.json().at("/manifest/widgets/1/name").asString()).isEqualTo("mini-cart");
        assertThat(detail.json().at("/manifest/endpoints/0/public").asBoolean()).isTrue();
        assertThat(detail.json().at("/manifest/permissions/2").asString()).isEqualTo("storage.write");
    }

    @Test
    void rejectsMissingDependencyNamingIt() {
        Reply reply = api.post("/api/addons/register",
                Manifests.withDependencies(unique("needy"), "1.0.0", "{\"no-such-addon\": \"^1.0.0\"}"), acme);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("type").asString()).endsWith("/unresolved-dependency");
        assertThat(reply.pointers()).containsExactly("/dependencies/no-such-addon");
    }

    @Test
    void rejectsDependencyRangeNoVersionSatisfies() {
        String base = unique("base");
        api.post("/api/addons/register", Manifests.minimal(base, "1.0.0"), acme);

        Reply reply = api.post("/api/addons/register",
                Manifests.withDependencies(unique("needy"), "1.0.0", "{\"" + base + "\": \">=2\"}"), acme);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("errors").get(0).path("message").asString()).contains("1.0.0");
    }

    @Test
    void rejectsMalformedRange() {
        Reply reply = api.post("/api/addons/register",
                Manifests.withDependencies(unique("needy"), "1.0.0", "{\"base\": \">=1.0.0 <<2\"}"), acme);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/dependencies/base");
    }

    @Test
    void rejectsVersionThatClosesADependencyCycle() {
        String a = unique("cyc-a");
        String b = unique("cyc-b");
        assertThat(api.post("/api/addons/register", Manifests.minimal(a, "1.0.0"), acme).status()).isEqualTo(201);
        assertThat(api.post("/api/addons/register", Manifests.withDependencies(b, "1.0.0", "{\"" + a + "\": \"*\"}"), acme).status()).isEqualTo(201);

        Reply reply = api.post("/api/addons/register", Manifests.withDependencies(a, "2.0.0", "{\"" + b + "\": \"^1.0.0\"}"), acme);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("type").asString()).endsWith("/dependency-cycle");
        assertThat(reply.pointers()).containsExactly("/dependencies/" + b);
        assertThat(reply.json().path("detail").asString()).contains(a + "@2.0.0 -> " + b + "@1.0.0 -> " + a + "@2.0.0");
        assertThat(api.get("/api/addons/" + a + "/versions/2.0.0").status()).isEqualTo(404);
    }

    @Test
    void rejectsBadNameBadVersionAndWrongTypesWithPointers() {
        Reply badName = api.post("/api/addons/register", Manifests.minimal("Payment_Gateway", "1.0.0"), acme);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.pointers()).containsExactly("/name");

        Reply badVersion = api.post("/api/addons/register", Manifests.minimal(unique("v"), "1.0"), acme);
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.pointers()).containsExactly("/version");

        Reply leadingZero = api.post("/api/addons/register", Manifests.minimal(unique("v"), "01.0.0"), acme);
        assertThat(leadingZero.pointers()).containsExactly("/version");

        Reply wrongTypes = api.post("/api/addons/register",
                "{\"name\":\"" + unique("t") + "\",\"version\":\"1.0.0\",\"widgets\":\"checkout\",\"resources\":{\"memoryMb\":\"lots\"}}", acme);
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.pointers()).contains("/widgets", "/resources/memoryMb");
    }

    @Test
    void rejectsMalformedJson() {
        Reply reply = api.post("/api/addons/register", "{\"name\": \"x\", ", acme);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().path("type").asString()).endsWith("/malformed-json");
        assertThat(reply.json().path("detail").asString()).contains("line 1");
    }

    @Test
    void rejectsBodyOverOneMebibyteWith413() {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';

        Reply reply = api.post("/api/addons/register", big, acme, "application/json");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void refusesNonJsonContentType() {
        Reply reply = api.post("/api/addons/register", Manifests.minimal(unique("ct"), "1.0.0").getBytes(), acme, "text/plain");

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void answersUnknownAddonWith404Problem() {
        Reply reply = api.get("/api/addons/no-such-addon");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("type").asString()).endsWith("/addon-not-found");
        assertThat(api.get("/api/addons/no-such-addon/versions/1.0.0").status()).isEqualTo(404);
        assertThat(api.get("/api/addons/NOT_A_NAME").status()).isEqualTo(400);
    }

    @Test
    void onlyTheOwnerPublishesFurtherVersions() {
        String name = unique("owned");
        api.post("/api/addons/register", Manifests.minimal(name, "1.0.0"), acme);
        String rival = api.developerKey("rival");

        Reply reply = api.post("/api/addons/register", Manifests.minimal(name, "1.1.0"), rival);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("type").asString()).endsWith("/forbidden");
        assertThat(api.delete("/api/addons/" + name + "/versions/1.0.0", rival).status()).isEqualTo(403);
        assertThat(api.get("/api/addons/" + name).json().path("latestVersion").asString()).isEqualTo("1.0.0");
    }

    @Test
    void writesNeedAKnownKey() {
        assertThat(api.post("/api/addons/register", Manifests.minimal(unique("k"), "1.0.0"), null).status()).isEqualTo(401);
        assertThat(api.post("/api/addons/register", Manifests.minimal(unique("k"), "1.0.0"), "tpk_forged").status()).isEqualTo(401);
        assertThat(api.post("/api/keys", "{\"developer\":\"mallory\"}", acme).status()).isEqualTo(403);
    }

    @Test
    void latestIsTheHighestReleaseAndVersionsAreNewestFirst() {
        String name = unique("order");
        for (String v : new String[] {"1.0.0", "1.10.0", "1.2.0", "2.0.0-beta.1"}) {
            assertThat(api.post("/api/addons/register", Manifests.minimal(name, v), acme).status()).isEqualTo(201);
        }

        assertThat(api.get("/api/addons/" + name).json().path("latestVersion").asString()).isEqualTo("1.10.0");
        Reply versions = api.get("/api/addons/" + name + "/versions");
        assertThat(versions.json().findValuesAsString("version")).containsExactly("2.0.0-beta.1", "1.10.0", "1.2.0", "1.0.0");
    }

    @Test
    void browsesByCategoryTextAndPage() {
        String marker = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            String body = "{\"name\":\"browse-" + marker + "-" + i + "\",\"version\":\"1.0.0\",\"category\":\""
                    + (i % 2 == 0 ? "analytics" : "marketing") + "\",\"description\":\"Tracks " + marker + " visitors\"}";
            assertThat(api.post("/api/addons/register", body, acme).status()).isEqualTo(201);
        }

        Reply analytics = api.get("/api/addons?category=analytics&q=" + marker + "&size=2&page=0");
        assertThat(analytics.status()).isEqualTo(200);
        assertThat(analytics.json().path("total").asLong()).isEqualTo(3);
        assertThat(analytics.json().path("items").size()).isEqualTo(2);
        Reply second = api.get("/api/addons?category=analytics&q=" + marker + "&size=2&page=1");
        assertThat(second.json().path("items").get(0).path("name").asString()).isEqualTo("browse-" + marker + "-4");
        assertThat(api.get("/api/addons?q=" + marker.toUpperCase()).json().path("total").asLong()).isEqualTo(5);
        assertThat(api.get("/api/addons?q=.*").json().path("total").asLong()).isZero();
        assertThat(api.get("/api/addons?category=toys").status()).isEqualTo(400);
        assertThat(api.get("/api/addons?size=1000").status()).isEqualTo(400);
        assertThat(api.get("/api/addons?page=-1").status()).isEqualTo(400);
    }

    @Test
    void withdrawalIsRefusedWhileADependentNeedsThatVersion() {
        String lib = unique("lib");
        String app = unique("app");
        api.post("/api/addons/register", Manifests.minimal(lib, "1.0.0"), acme);
        api.post("/api/addons/register", Manifests.withDependencies(app, "1.0.0", "{\"" + lib + "\": \"^1.0.0\"}"), acme);

        Reply refused = api.delete("/api/addons/" + lib + "/versions/1.0.0", acme);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains(app + "@1.0.0");

        api.post("/api/addons/register", Manifests.minimal(lib, "1.1.0"), acme);
        assertThat(api.delete("/api/addons/" + lib + "/versions/1.0.0", acme).status()).isEqualTo(204);
        assertThat(api.get("/api/addons/" + lib + "/versions/1.0.0").status()).isEqualTo(404);
        assertThat(api.delete("/api/addons/" + lib + "/versions/1.1.0", acme).status()).isEqualTo(409);
        // A withdrawn version is never reused.
        assertThat(api.post("/api/addons/register", Manifests.minimal(lib, "1.0.0"), acme).status()).isEqualTo(409);
    }

    @Test
    void withdrawingTheOnlyVersionRemovesTheAddonFromBrowsing() {
        String name = unique("gone");
        api.post("/api/addons/register", Manifests.minimal(name, "1.0.0"), acme);

        assertThat(api.delete("/api/addons/" + name + "/versions/1.0.0", acme).status()).isEqualTo(204);

        assertThat(api.get("/api/addons/" + name).status()).isEqualTo(404);
        assertThat(api.get("/api/addons?q=" + name).json().path("total").asLong()).isZero();
    }

    @Test
    void concurrentPublishesOfOneNameLoseNoVersion() throws Exception {
        String name = unique("race");
        api.post("/api/addons/register", Manifests.minimal(name, "0.1.0"), acme);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String version = "1.0." + i;
                replies.add(pool.submit(() -> api.post("/api/addons/register", Manifests.minimal(name, version), acme)));
            }
            for (java.util.concurrent.Future<Reply> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(api.get("/api/addons/" + name + "/versions").json().size()).isEqualTo(17);
        assertThat(api.get("/api/addons/" + name).json().path("latestVersion").asString()).isEqualTo("1.0.15");
    }
}
