package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.manifest.Resources;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.storage.CollectionKeys;
import com.themepress.server.storage.InterimWrites;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;

import tools.jackson.databind.JsonNode;

/**
 * Issue 23 item 7, the attacks on quotas at registration: one addon asking for 8 GB × 8 CPUs × 50
 * instances, a developer's addons together passing a cap, and concurrent registrations racing past
 * one. Each refusal is 422 {@code quota-exceeded} and changes nothing. Caps here are small so a few
 * addons reach them: 1024 MB, 2 CPUs, 4 instances per developer; the per-addon maxima as shipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.quotas.developer-memory-mb=1024", "themepress.quotas.developer-cpus=2",
        "themepress.quotas.developer-instances=4"})
class QuotaRegistrationTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("themepress.storage.data-dir", DATA::toString);
        registry.add("themepress.keys.admin-key", () -> ApiClient.ADMIN_KEY);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Autowired
    DeveloperQuotas quotas;

    @Autowired
    RegistryStore store;

    @Autowired
    QuotaProperties limits;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    InterimWrites interim;

    @Autowired
    CollectionKeys keys;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void oneAddonCannotAskForEightGigabytesTimesEightCpusTimesFiftyInstances() {
        Reply reply = register(api.developerKey("greedy"), "hog", "1.0.0", 8192, 8, 50);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().path("type").asString()).endsWith("/quota-exceeded");
        assertThat(reply.pointers()).containsExactly("/resources/memoryMb", "/resources/cpus", "/resources/maxInstances");
        assertThat(reply.json().path("errors").get(0).path("message").asString()).contains("2048");
        assertThat(api.get("/api/addons/hog").status()).isEqualTo(404);
    }

    @Test
    void aRegistrationPastADevelopersCapIsRefusedNamingTheCapTheUseAndTheLimit() {
        String key = api.developerKey("capped");
        assertThat(register(key, "capped-a", "1.0.0", 256, 0.5, 2).status()).isEqualTo(201);
        assertThat(register(key, "capped-b", "1.0.0", 256, 0.5, 2).status()).isEqualTo(201); // exactly at every cap

        Reply reply = register(key, "capped-c", "1.0.0", 128, 0.25, 1);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.json().path("type").asString()).endsWith("/quota-exceeded");
        assertThat(reply.json().path("detail").asString()).contains("developer-memory-mb").contains("1024");
        JsonNode memory = reply.json().path("quotas").get(0);
        assertThat(memory.path("cap").asString()).isEqualTo("developer-memory-mb");
        assertThat(memory.path("used").isIntegralNumber()).isTrue();
        assertThat(memory.path("used").asLong()).isEqualTo(1024);
        assertThat(memory.path("requested").asLong()).isEqualTo(128);
        assertThat(memory.path("limit").asLong()).isEqualTo(1024);
        assertThat(reply.json().path("quotas")).extracting(q -> q.path("cap").asString())
                .containsExactly("developer-memory-mb", "developer-cpus", "developer-instances");
        assertThat(reply.json().path("quotas").get(1).path("used").asDouble()).isEqualTo(2.0);
        assertThat(reply.json().path("quotas").get(1).path("requested").asDouble()).isEqualTo(0.25);
        assertThat(api.get("/api/addons/capped-c").status()).isEqualTo(404);
        // Another developer has caps of its own.
        assertThat(register(api.developerKey("uncapped"), "capped-d", "1.0.0", 128, 0.25, 1).status()).isEqualTo(201);
    }

    @Test
    void anAddonCountsOnceAtItsLargestActiveVersionAndWithdrawingFreesItsRoom() {
        String key = api.developerKey("grower");
        assertThat(register(key, "grower-a", "1.0.0", 512, 1, 1).status()).isEqualTo(201);
        assertThat(register(key, "grower-a", "1.1.0", 256, 0.5, 1).status()).isEqualTo(201); // still 512 MB: 1.0.0 may run again
        assertThat(register(key, "grower-b", "1.0.0", 512, 1, 1).status()).isEqualTo(201);
        assertThat(register(key, "grower-c", "1.0.0", 256, 0.5, 1).status()).isEqualTo(422);

        assertThat(api.delete("/api/addons/grower-a/versions/1.0.0", key).status()).isEqualTo(204);

        assertThat(register(key, "grower-c", "1.0.0", 256, 0.5, 1).status()).isEqualTo(201);
    }

    @Test
    void concurrentRegistrationsDoNotRacePastACap() throws Exception {
        String key = api.developerKey("racer");
        int racers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String name = "racer-" + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return register(key, name, "1.0.0", 64, 0.25, 1).status();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }

            assertThat(answered).filteredOn(s -> s == 201).hasSize(4);
            assertThat(answered).filteredOn(s -> s == 422).hasSize(racers - 4);
            assertThat(claims("racer")).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Another replica stores a version between our check and our insert: ours is taken back, theirs stays. */
    @Test
    void aVersionStoredByAnotherReplicaMeanwhileMakesOursBackOff() {
        AddonManifest ours = manifest("replica-ours", 512, 1, 2);

        assertThatThrownBy(() -> quotas.admit("replicas", ours, () -> {
            store.stage(version(manifest("replica-theirs", 512, 1, 2), "replicas"));
            return store.stage(version(ours, "replicas"));
        })).isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.QUOTA_EXCEEDED));

        assertThat(store.version("replica-ours", "1.0.0")).isEmpty();
        assertThat(store.version("replica-theirs", "1.0.0")).isPresent();
    }

    /** This replica remembers the use it summed; a version another replica counted since makes it sum again. */
    @Test
    void aReplicaThatRemembersTheUseStillSeesWhatAnotherReplicaCounted() {
        DeveloperQuotas otherReplica = new DeveloperQuotas(store, limits);
        admit(quotas, manifest("twin-a", 256, 0.5, 2));
        admit(otherReplica, manifest("twin-b", 256, 0.5, 2)); // now exactly at every cap

        assertThatThrownBy(() -> admit(quotas, manifest("twin-c", 128, 0.25, 1)))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.QUOTA_EXCEEDED));
        assertThatThrownBy(() -> admit(otherReplica, manifest("twin-d", 128, 0.25, 1)))
                .isInstanceOf(PlatformException.class);
        assertThat(claims("twins")).extracting(DeveloperQuotas.Claim::addon).containsExactlyInAnyOrder("twin-a", "twin-b");
    }

    /**
     * Issue 25: each attempt of a developer at a cap summed all of its versions, which the embedded store
     * answers by holding every one of them at once (OutOfMemoryError at 100,000). Use this replica knows
     * exactly is not summed again.
     */
    @Test
    void aDeveloperAtACapIsRefusedAgainWithoutSummingItsVersionsAgain() {
        List<String> sums = new ArrayList<>();
        RegistryStore counting = new RegistryStore(mongo, interim, keys) {
            @Override
            void forEachActiveClaim(String developer, java.util.function.Consumer<DeveloperQuotas.Claim> each) {
                sums.add(developer);
                super.forEachActiveClaim(developer, each);
            }
        };
        DeveloperQuotas replica = new DeveloperQuotas(counting, limits);
        for (String name : List.of("atcap-a", "atcap-b")) {
            AddonManifest manifest = manifest(name, 256, 0.5, 2);
            replica.admit("atcap", manifest, () -> counting.stage(version(manifest, "atcap")));
        }
        for (String name : List.of("atcap-c", "atcap-d", "atcap-e")) {
            AddonManifest manifest = manifest(name, 128, 0.25, 1);
            assertThatThrownBy(() -> replica.admit("atcap", manifest, () -> counting.stage(version(manifest, "atcap"))))
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.QUOTA_EXCEEDED));
        }

        assertThat(sums).containsExactly("atcap"); // the first registration, which found no remembered use
        assertThat(claims("atcap")).extracting(DeveloperQuotas.Claim::addon).containsExactlyInAnyOrder("atcap-a", "atcap-b");
    }

    /** The embedded store's walk over every version, in batches by id: another developer's and withdrawn ones left out. */
    @Test
    void theSumWalksEveryBatchAndCountsOnlyTheDevelopersActiveVersions() {
        List<AddonVersionDocument> versions = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            AddonVersionDocument mine = version(manifest("walk-%04d".formatted(i), 64, 0.25, 1), "walker");
            versions.add(i % 100 == 7 ? mine.withdrawnAt(Instant.now()) : mine);
            if (i % 3 == 0) {
                versions.add(version(manifest("walk-other-%04d".formatted(i), 64, 0.25, 1), "someone-else"));
            }
        }
        mongo.insert(versions, AddonVersionDocument.class);

        assertThat(claims("walker")).hasSize(1_201 - 12).allSatisfy(c -> assertThat(c.addon()).startsWith("walk-"))
                .noneSatisfy(c -> assertThat(c.addon()).startsWith("walk-other-"));
    }

    private List<DeveloperQuotas.Claim> claims(String developer) {
        List<DeveloperQuotas.Claim> claims = new ArrayList<>();
        store.forEachActiveClaim(developer, claims::add);
        return claims;
    }

    private AddonVersionDocument admit(DeveloperQuotas replica, AddonManifest manifest) {
        return replica.admit("twins", manifest, () -> store.stage(version(manifest, "twins")));
    }

    private Reply register(String key, String name, String version, int memoryMb, double cpus, int maxInstances) {
        return api.post("/api/addons/register", json(name, version, memoryMb, cpus, maxInstances), key);
    }

    private static String json(String name, String version, int memoryMb, double cpus, int maxInstances) {
        return "{\"name\":\"%s\",\"version\":\"%s\",\"resources\":{\"memoryMb\":%d,\"cpus\":%s,\"maxInstances\":%d}}"
                .formatted(name, version, memoryMb, cpus, maxInstances);
    }

    private static AddonManifest manifest(String name, int memoryMb, double cpus, int maxInstances) {
        return new ManifestParser().parse(StrictJson.mapper().readTree(json(name, "1.0.0", memoryMb, cpus, maxInstances)));
    }

    private static AddonVersionDocument version(AddonManifest manifest, String developer) {
        Resources resources = manifest.resources();
        return new AddonVersionDocument(AddonVersionDocument.idOf(manifest.name(), manifest.version()), manifest.name(),
                manifest.version(), manifest.version(), null, null, null, Map.of(), List.of(), Map.of(),
                StrictJson.mapper().writeValueAsString(manifest), false, null, resources, developer, Instant.now(), false, null, null);
    }
}
