package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.themepress.server.registry.RegistryViews.AddonSummary;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.storage.CollectionKeys;
import com.themepress.server.storage.EmbeddedMongo;
import com.themepress.server.storage.InterimWrites;
import com.themepress.server.support.EmbeddedServerTest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The in-memory catalogue against the embedded store it runs on by default. */
class CatalogueIndexTests {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private Path data;
    private EmbeddedMongo server;
    private MongoClient client;
    private MongoTemplate mongo;
    private RegistryStore store;
    private CatalogueIndex index;

    @BeforeEach
    void start() throws Exception {
        data = Files.createTempDirectory("catalogue-index");
        server = EmbeddedMongo.start(data);
        client = MongoClients.create(server.connectionString("themepress"));
        mongo = new MongoTemplate(client, "themepress");
        store = new RegistryStore(mongo, new InterimWrites(mongo, true), new CollectionKeys(mongo, server));
        index = index(store);
    }

    @AfterEach
    void stop() throws Exception {
        index.stop();
        client.close();
        server.close();
        EmbeddedServerTest.delete(data);
    }

    private static CatalogueIndex index(RegistryStore store) {
        return index(store, DataSize.ofMegabytes(64), 2);
    }

    /** Small load batches, so that every test's load takes several. */
    private static CatalogueIndex index(RegistryStore store, DataSize maxBytes, int batch) {
        return new CatalogueIndex(store, new StoredWidgets(store), new RegistryProperties(Duration.ofHours(1), DataSize.ofMegabytes(16),
                maxBytes, batch, Duration.ZERO, 20_000, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    }

    private static AddonDocument addon(String name, String category, String description, long revision) {
        return new AddonDocument(name, "dev", "1.0.0", category, description, "someone", false, List.of(),
                List.of(new VersionEntry("1.0.0", false, NOW, null)), NOW, NOW, revision);
    }

    private static AddonDocument unlisted(String name, String category, long revision) {
        return new AddonDocument(name, "dev", null, category, null, "someone", false, List.of(),
                List.of(new VersionEntry("1.0.0", true, NOW, NOW)), NOW, NOW, revision);
    }

    private List<String> names(String category, String text, int page, int size) {
        return index.page(category, text, page, size).items().stream().map(AddonSummary::name).toList();
    }

    @Test
    void answersUnavailableUntilLoadedAndFromMemoryAfter() {
        mongo.insert(addon("clock", "utilities", "Shows the time", 0));
        assertThatThrownBy(() -> names("utilities", null, 0, 20)).isInstanceOfSatisfying(PlatformException.class,
                e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNAVAILABLE));

        index.reload();
        // Written behind the index's back: memory does not see it until the next full load.
        mongo.insert(addon("calendar", "utilities", "Shows the date", 0));
        assertThat(index.isLoaded()).isTrue();
        assertThat(names("utilities", null, 0, 20)).containsExactly("clock");

        index.reload();
        assertThat(names("utilities", null, 0, 20)).containsExactly("calendar", "clock");
    }

    @Test
    void anAddonStoredBeforeWidgetSummariesGetsThemFromItsManifestOnce() {
        AddonDocument legacy = addon("legacy", "utilities", "Old", 0);
        mongo.insert(new AddonDocument(legacy.name(), legacy.owner(), legacy.latestVersion(), legacy.category(), legacy.description(),
                legacy.author(), null, null, legacy.versions(), NOW, NOW, 0L));
        mongo.insert(new AddonVersionDocument("legacy@1.0.0", "legacy", "1.0.0", "1.0.0", "utilities", "Old", "someone", Map.of(),
                List.of(), Map.of(), """
                {"name":"legacy","version":"1.0.0","widgets":[{"name":"clock","displayName":"Clock","category":"display",
                 "configSchema":{"type":"object"},"renderEndpoint":"/widgets/clock/render","responsive":true}],
                 "endpoints":[],"events":{"publishes":[],"subscribes":[]},"dependencies":{},"permissions":[],
                 "resources":{"memoryMb":128,"cpus":0.5,"timeoutMs":5000,"minInstances":0,"maxInstances":3,"concurrency":10}}""",
                null, null, null, "dev", NOW, false, null, null));
        mongo.insert(addon("plain", "utilities", "No widgets", 0));

        index.reload();
        mongo.updateFirst(Query.query(Criteria.where("_id").is("legacy@1.0.0")), Update.update("manifest", "{not json"),
                AddonVersionDocument.class);
        index.reload();

        assertThat(index.withWidgets()).singleElement().satisfies(addon -> {
            assertThat(addon.addon()).isEqualTo("legacy");
            assertThat(addon.widgets()).extracting(WidgetSummary::name).containsExactly("clock");
        });
        assertThat(index.widgets("display", 0, 10).items()).extracting(row -> row.widget().name()).containsExactly("clock");
        assertThat(index.widgets("form", 0, 10).total()).isZero();
    }

    @Test
    void pagesByNameWithTheTotalOfTheFilter() {
        for (int i = 0; i < 45; i++) {
            mongo.insert(addon("tool-%02d".formatted(i), i % 3 == 0 ? "analytics" : "utilities", "Tool " + i, 0));
        }
        index.reload();

        CataloguePage<AddonSummary> last = index.page("utilities", null, 1, 20);
        assertThat(last.total()).isEqualTo(30);
        assertThat(last.items()).hasSize(10);
        assertThat(last.items().get(0).name()).isEqualTo("tool-31"); // the 21st number that is not a multiple of 3
        assertThat(index.page(null, null, 0, 20).total()).isEqualTo(45);
        assertThat(index.page(null, null, 9, 20).items()).isEmpty();
        assertThat(index.page("marketing", null, 0, 20).total()).isZero();
    }

    @Test
    void searchesNameAndDescriptionIgnoringCase() {
        mongo.insert(addon("seo-helper", "marketing", "Better SEARCH ranking", 0));
        mongo.insert(addon("searchbox", "utilities", "Site search", 0));
        mongo.insert(addon("clock", "utilities", "Shows the time", 0));
        index.reload();

        assertThat(names(null, "Search", 0, 20)).containsExactly("searchbox", "seo-helper");
        assertThat(index.page(null, "search", 0, 1).total()).isEqualTo(2);
        assertThat(names("utilities", "SEARCH", 0, 20)).containsExactly("searchbox");
        assertThat(names(null, ".*", 0, 20)).isEmpty();
    }

    @Test
    void aChangeMadeHereIsListedAtOnceAndAFullyWithdrawnAddonLeaves() {
        index.reload();
        index.apply(addon("clock", "utilities", "Shows the time", 0));
        assertThat(names("utilities", null, 0, 20)).containsExactly("clock");

        index.apply(addon("clock", "analytics", "Counts the time", 1));
        assertThat(names("utilities", null, 0, 20)).isEmpty();
        assertThat(names("analytics", null, 0, 20)).containsExactly("clock");

        index.apply(unlisted("clock", "analytics", 2));
        assertThat(index.page(null, null, 0, 20).total()).isZero();
    }

    /** A change leaves its block's search text to the next search, which must still see every change before it. */
    @Test
    void aSearchRightAfterChangesMadeHereFindsEachOfThem() {
        index.reload();
        index.apply(addon("clock", "utilities", "Shows the time", 0));
        assertThat(names(null, "time", 0, 20)).containsExactly("clock");

        for (int i = 0; i < 600; i++) { // past one block of 512, so a block splits between two searches
            index.apply(addon("timer-%03d".formatted(i), "utilities", "Times things", 0));
        }
        index.apply(addon("clock", "utilities", "Shows the hour", 1));

        assertThat(index.page(null, "time", 0, 1).total()).isEqualTo(600);
        assertThat(names(null, "hour", 0, 20)).containsExactly("clock");
        assertThat(names(null, "timer-599", 0, 20)).containsExactly("timer-599");
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOne() {
        index.reload();
        index.apply(addon("clock", "analytics", "Newer", 3));
        index.apply(addon("clock", "utilities", "Older", 2));

        assertThat(names("analytics", null, 0, 20)).containsExactly("clock");
        assertThat(names("utilities", null, 0, 20)).isEmpty();
    }

    @Test
    void anotherReplicasChangeIsReadBackUnlessItsRevisionIsAlreadyHere() {
        index.reload();
        mongo.insert(addon("clock", "utilities", "Shows the time", 0));
        index.on(new RegistryChanged("clock", false, 0L));
        assertThat(names("utilities", null, 0, 20)).containsExactly("clock");

        // The same revision heard again (our own broadcast echoing) is not read back...
        mongo.save(addon("clock", "analytics", "Moved behind the index's back", 0));
        index.on(new RegistryChanged("clock", false, 0L));
        assertThat(names("utilities", null, 0, 20)).containsExactly("clock");
        // ...a later one is.
        index.on(new RegistryChanged("clock", false, 1L));
        assertThat(names("analytics", null, 0, 20)).containsExactly("clock");
    }

    @Test
    void aChangeAppliedWhileAFullLoadRunsSurvivesTheSwap() {
        mongo.insert(addon("clock", "utilities", "Shows the time", 0));
        AtomicBoolean interleaved = new AtomicBoolean();
        CatalogueIndex[] racing = new CatalogueIndex[1];
        // The load reads the old document; the change to it lands while the load is still reading.
        RegistryStore slowStore = new RegistryStore(mongo, new InterimWrites(mongo, true), new CollectionKeys(mongo, server)) {
            @Override
            void forEachAddonBatch(int size, Consumer<List<AddonDocument>> batch) {
                super.forEachAddonBatch(size, read -> {
                    if (interleaved.compareAndSet(false, true)) {
                        racing[0].apply(CatalogueIndexTests.addon("clock", "analytics", "Moved", 1));
                        racing[0].apply(CatalogueIndexTests.addon("sundial", "utilities", "New", 0));
                    }
                    batch.accept(read);
                });
            }
        };
        racing[0] = index(slowStore);
        try {
            racing[0].reload();
            assertThat(interleaved).isTrue();
            assertThat(racing[0].page("analytics", null, 0, 20).items()).extracting(AddonSummary::name).containsExactly("clock");
            assertThat(racing[0].page("utilities", null, 0, 20).items()).extracting(AddonSummary::name).containsExactly("sundial");
        } finally {
            racing[0].stop();
        }
    }

    @Test
    void namesSubscriberCandidatesFromMemoryOnceLoaded() {
        mongo.insert(withSubscriber(addon("mailer", "marketing", "Sends mail", 0), true));
        mongo.insert(withSubscriber(addon("legacy", "utilities", "Stored before the flag", 0), null));
        mongo.insert(addon("clock", "utilities", "Shows the time", 0));
        index.reload();
        assertThat(index.subscriberCandidates(0, 10, Duration.ZERO)).containsExactly("legacy", "mailer");
        assertThat(index.subscriberCandidates(1, 1, Duration.ZERO)).containsExactly("mailer");
        assertThat(index.subscriberCandidates(2, 1, Duration.ZERO)).isEmpty();

        index.apply(withSubscriber(addon("mailer", "marketing", "Stopped subscribing", 1), false));
        assertThat(index.subscriberCandidates(0, 10, Duration.ZERO)).containsExactly("legacy");
    }

    @Test
    void aLoadDropsWhatTheStoreNoLongerHasAndKeepsWhatItStillHas() {
        for (int i = 0; i < 7; i++) {
            mongo.insert(addon("tool-" + i, "utilities", "Tool " + i, 0));
        }
        index.reload();
        mongo.remove(Query.query(Criteria.where("_id").is("tool-3")), AddonDocument.class);
        index.reload();

        assertThat(names(null, null, 0, 20)).containsExactly("tool-0", "tool-1", "tool-2", "tool-4", "tool-5", "tool-6");
    }

    @Test
    void holdsNoMoreThanItsByteBoundAndCountsWhatItLeftOut() {
        CatalogueIndex bounded = index(store, DataSize.ofMegabytes(1), 50);
        try {
            for (int i = 0; i < 200; i++) {
                mongo.insert(addon("big-%03d".formatted(i), "utilities", "x".repeat(10_000), 0));
            }
            bounded.reload();

            assertThat(bounded.heldBytes()).isPositive().isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes());
            long held = bounded.page(null, null, 0, 1).total();
            assertThat(held).isBetween(1L, 199L);

            // Room made (a withdrawal) is taken by the next load.
            bounded.apply(unlisted("big-000", "utilities", 1));
            bounded.reload();
            assertThat(bounded.page(null, null, 0, 1).total()).isEqualTo(held);
        } finally {
            bounded.stop();
        }
    }

    private static AddonDocument withSubscriber(AddonDocument a, Boolean subscriber) {
        return new AddonDocument(a.name(), a.owner(), a.latestVersion(), a.category(), a.description(), a.author(), subscriber, a.widgets(),
                a.versions(), a.createdAt(), a.updatedAt(), a.revision());
    }
}
