package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/** A query that names one {@code _id} reads that document only, and answers as MongoDB would. */
class IdFirstCollectionTests {

    @TempDir
    Path dir;
    EmbeddedMongo embedded;
    MongoClient client;
    MongoCollection<Document> versions;

    @BeforeEach
    void start() {
        embedded = EmbeddedMongo.start(dir);
        client = MongoClients.create(embedded.connectionString("t"));
        versions = client.getDatabase("t").getCollection("versions");
        List<Document> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(new Document("_id", "v" + i).append("revision", 1L).append("developer", "d" + i % 10));
        }
        versions.insertMany(all);
    }

    @AfterEach
    void stop() {
        client.close();
        embedded.close();
    }

    @Test
    void optimisticLockingWritesByIdAndRevisionReadOneDocumentAndRespectTheRevision() {
        long scans = embedded.scans();

        assertThat(versions.updateOne(idAnd("v7", "revision", 2L), Updates.set("revision", 3L))
                .getMatchedCount()).as("stale revision").isZero();
        assertThat(versions.updateOne(idAnd("v7", "revision", 1L), Updates.set("revision", 2L))
                .getModifiedCount()).isOne();
        assertThat(versions.find(idAnd("v7", "revision", 2L)).first()).isNotNull();
        assertThat(versions.find(idAnd("v7", "developer", "d8")).first())
                .as("other field does not match").isNull();
        assertThat(versions.deleteOne(idAnd("v9", "revision", 2L)).getDeletedCount()).isZero();
        assertThat(versions.deleteOne(idAnd("v9", "revision", 1L)).getDeletedCount()).isOne();
        assertThat(versions.find(idAnd("missing", "revision", 1L)).first()).isNull();

        assertThat(embedded.scans()).as("collection scans").isEqualTo(scans);
        assertThat(versions.countDocuments()).isEqualTo(1_999);
    }

    /** As Spring Data sends an optimistic-locking filter: one document, not an {@code $and}. */
    private static Document idAnd(String id, String field, Object value) {
        return new Document("_id", id).append(field, value);
    }

    @Test
    void queriesThatNameNoSingleIdStillReadTheCollectionAndAnswerTheSame() {
        long scans = embedded.scans();

        assertThat(versions.countDocuments(Filters.eq("developer", "d3"))).isEqualTo(200);
        assertThat(versions.countDocuments(new Document("_id", new Document("$in", List.of("v3", "v4", "v13"))).append("developer", "d3")))
                .isEqualTo(2);
        assertThat(versions.countDocuments(new Document("_id", new Document("$gte", "v1998")).append("revision", 1L)))
                .as("v1998, v1999 and every id from v2 on, in string order").isEqualTo(890);
        assertThat(versions.countDocuments(new Document("_id", null).append("revision", 1L))).isZero();

        assertThat(embedded.scans()).as("collection scans").isGreaterThan(scans);
    }
}
