package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/** On a clean stop a sparse store file is rewritten with its live pages only, and nothing is lost. */
class StoreCompactionTests {

    @TempDir
    Path dir;

    @Test
    void rewritesASparseFileOnStopAndKeepsEveryDocument() throws Exception {
        long[] grown = new long[1];
        int live = grow(90, grown);

        assertThat(live).as("live share of the grown file").isLessThan(90);
        // grow() closed the store, which compacted it
        assertThat(Files.size(dir.resolve("registry.mv"))).as("file after the stop (%d bytes before, %d%% live)", grown[0], live)
                .isLessThan(grown[0] * 3 / 4);
        assertThat(StoreCompaction.copyOf(dir.resolve("registry.mv"))).doesNotExist();
        assertEveryDocumentThere();
    }

    @Test
    void leavesTheFileAsItIsWhenCompactionIsOff() throws Exception {
        grow(0, new long[1]);
        long size = Files.size(dir.resolve("registry.mv"));
        // a store that was never sparse enough: opening and closing it again changes nothing either
        try (EmbeddedMongo again = EmbeddedMongo.start(dir, DurableH2Backend.DEFAULT_CACHE_MB, 0)) {
            assertThat(again.fileFillRate()).isLessThan(90);
        }
        assertThat(Files.size(dir.resolve("registry.mv"))).isEqualTo(size);
        assertEveryDocumentThere();
    }

    @Test
    void removesTheCopyOfACompactionThatACrashInterrupted() throws Exception {
        grow(0, new long[1]);
        Path leftover = StoreCompaction.copyOf(dir.resolve("registry.mv"));
        Files.writeString(leftover, "half a copy");

        assertEveryDocumentThere();
        assertThat(leftover).doesNotExist();
    }

    /** 5,000 documents, then a share of them rewritten four times over; closes the store. Returns its live share before closing. */
    private int grow(int compactBelow, long[] sizeBeforeClose) {
        int live;
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir, DurableH2Backend.DEFAULT_CACHE_MB, compactBelow);
                MongoClient client = MongoClients.create(embedded.connectionString("t"))) {
            embedded.retainChunksFor(0);
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                batch.add(new Document("_id", i).append("pad", "x".repeat(1_000)));
            }
            docs.insertMany(batch);
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 5_000; i += 7) {
                    docs.updateOne(Filters.eq("_id", i), Updates.set("pad", String.valueOf(round).repeat(1_000)));
                }
            }
            live = embedded.fileFillRate();
            sizeBeforeClose[0] = Files.size(dir.resolve("registry.mv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return live;
    }

    private void assertEveryDocumentThere() {
        try (EmbeddedMongo reopened = EmbeddedMongo.start(dir);
                MongoClient client = MongoClients.create(reopened.connectionString("t"))) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(5_000);
            assertThat(docs.find(Filters.eq("_id", 7)).first().getString("pad")).isEqualTo("3".repeat(1_000));
            assertThat(docs.find(Filters.eq("_id", 8)).first().getString("pad")).isEqualTo("x".repeat(1_000));
        }
    }
}
