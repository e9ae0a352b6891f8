package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * A read that walks many pages while writes commit must find every page it walks. H2 drops a dead chunk
 * once a few newer versions exist and the chunk is older than its retention time, which counts from the
 * chunk's writing, not its death; every acknowledged write here is a new version. So under steady writes
 * a scan that outlived five commits read chunks that were already gone ("Chunk N not found"), and the
 * registration whose refusal deleted its version by {_id, revision} (a scan on the embedded server)
 * answered 500 (issue 25, at 108,000 addons). Retention 0 makes every chunk old at once, as it is for the
 * bulk of a large store.
 */
class ReadsWhileChunksRetireTests {

    @Test
    void scansAndInProcessReadsSurviveChunksRetiredByConcurrentWrites(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo embedded = EmbeddedMongo.start(dir);
                MongoClient client = MongoClients.create(embedded.connectionString("t"))) {
            embedded.retainChunksFor(0);
            embedded.stopBackgroundHousekeeping();
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(new Document("_id", String.format("d%06d", i)).append("n", i).append("pad", "x".repeat(1_000)));
                if (batch.size() == 1_000) {
                    docs.insertMany(batch);
                    batch.clear();
                }
            }
            MongoCollection<Document> others = client.getDatabase("t").getCollection("others");
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            // One writer changes the scanned collection between scans, so its old chunks empty out; another
            // commits a version after another while a scan holds the collection (the wire server scans a
            // collection under its lock, not the store's); the third moves live pages out of half-empty
            // chunks in place of H2's housekeeping, as that does on a store of this age, which retires them.
            List<Thread> writers = List.of(new Thread(() -> {
                for (int i = 0; writing.get(); i = (i + 7_919) % 20_000) {
                    try {
                        docs.updateOne(Filters.eq("_id", String.format("d%06d", i)), Updates.set("pad", "y".repeat(1_000 + i % 50)));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }), new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    try {
                        others.updateOne(Filters.eq("_id", i % 100), Updates.inc("n", 1), new UpdateOptions().upsert(true));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }), new Thread(() -> {
                while (writing.get()) {
                    try {
                        embedded.moveLivePages();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
            writers.forEach(Thread::start);
            int scans = 0;
            try {
                long until = System.nanoTime() + 4_000_000_000L;
                while (System.nanoTime() < until) {
                    try {
                        // "pad" has no index: the wire server walks the whole collection
                        assertThat(docs.countDocuments(Filters.eq("pad", "none"))).isZero();
                        assertThat(walkInProcess(embedded)).isEqualTo(20_000);
                        scans++;
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            } finally {
                writing.set(false);
                for (Thread writer : writers) {
                    writer.join();
                }
            }
            assertThat(failures).as("failures during %d scans", scans).isEmpty();
            assertThat(scans).isPositive();
        }
    }

    private static int walkInProcess(EmbeddedMongo embedded) {
        int seen = 0;
        Object after = null;
        while (true) {
            List<byte[]> page = embedded.documentsAfter("t", "docs", after, 2_000);
            seen += page.size();
            if (page.size() < 2_000) {
                return seen;
            }
            List<Object> ids = embedded.idsAfter("t", "docs", after, 2_000);
            after = ids.get(ids.size() - 1);
        }
    }
}
