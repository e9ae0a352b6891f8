package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

import io.micrometer.core.instrument.MeterRegistry;

/** The registry contract on the embedded MongoDB-wire server with its H2 store, the default setup. */
class EmbeddedRegistryApiTests extends RegistryApiContract {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RegistryStore store;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    /**
     * A registration writes the version, the developer's change count and the addon; only the last
     * waits for the disk, and its commit covers the other two (issue 25: the first two waited under
     * the developer's turn, so one developer's registrations queued behind every flush).
     */
    @Test
    void aRegistrationWaitsForTheDiskOnce() {
        double before = durableWrites();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/addons/register", Manifests.minimal(unique("once"), "1.0.0"), acme).status()).isEqualTo(201);
        }
        // five, and room for a background writer's (the event outbox's) in between; three each before
        assertThat(durableWrites() - before).isBetween(5.0, 8.0);
    }

    /**
     * The embedded server never uses a non-unique index, and fills each one at every start by reading
     * the whole collection twice (issue 25: most of a restart at 100,000 versions): none is kept.
     */
    @Test
    void theEmbeddedStoreKeepsNoNonUniqueRegistryIndexAndDropsOneAnOlderVersionMade() {
        mongo.indexOps(AddonVersionDocument.class).createIndex(new Index().on("registeredBy", Sort.Direction.ASC)
                .on("withdrawn", Sort.Direction.ASC).named("registered_by"));

        store.ensureIndexes();

        assertThat(mongo.indexOps(AddonVersionDocument.class).getIndexInfo()).extracting(IndexInfo::getName)
                .containsExactlyInAnyOrder("_id_", "name_version");
        assertThat(mongo.indexOps(AddonDocument.class).getIndexInfo()).extracting(IndexInfo::getName)
                .containsExactlyInAnyOrder("_id_", "id_revision");
    }

    private double durableWrites() {
        return meters.get("themepress.storage.durable.writes").functionCounter().count();
    }
}
