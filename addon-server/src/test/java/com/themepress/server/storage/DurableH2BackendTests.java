package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.bwaldvogel.mongo.bson.Document;

class DurableH2BackendTests {

    @Test
    void writesAndUnknownCommandsWaitForTheDiskAndReadsDoNot() {
        for (String write : List.of("insert", "update", "delete", "findAndModify", "createIndexes", "drop", "create",
                "someFutureCommand")) {
            assertThat(DurableH2Backend.changesData(write, new Document())).as(write).isTrue();
        }
        for (String read : List.of("find", "getMore", "count", "listIndexes", "ping", "hello", "isMaster")) {
            assertThat(DurableH2Backend.changesData(read, new Document())).as(read).isFalse();
        }
        assertThat(DurableH2Backend.changesData("aggregate", new Document("pipeline", List.of(new Document("$match", new Document())))))
                .isFalse();
        assertThat(DurableH2Backend.changesData("aggregate", new Document("pipeline", List.of(new Document("$out", "copy")))))
                .isTrue();
    }

    /** InterimWrites: a write sent with j: false is covered by the caller's next write that waits. */
    @Test
    void aWriteThatSaysJournalFalseDoesNotWaitAndAnyOtherConcernDoes() {
        Document interim = new Document("writeConcern", new Document("w", 1).append("j", false));
        Document durable = new Document("writeConcern", new Document("w", "majority").append("j", true));

        assertThat(DurableH2Backend.waitsForDisk("insert", interim)).isFalse();
        assertThat(DurableH2Backend.waitsForDisk("findAndModify", interim)).isFalse();
        assertThat(DurableH2Backend.waitsForDisk("insert", durable)).isTrue();
        assertThat(DurableH2Backend.waitsForDisk("insert", new Document("writeConcern", new Document("w", 1)))).isTrue();
        assertThat(DurableH2Backend.waitsForDisk("insert", new Document())).isTrue();
        assertThat(DurableH2Backend.waitsForDisk("find", new Document())).isFalse();
    }

    @Test
    void splitsLeafPagesSmallerThanH2sDefaultAndKeepsTheHousekeepingBound(@TempDir Path dir) {
        DurableH2Backend backend = new DurableH2Backend(dir.resolve("registry.mv").toString());
        try {
            assertThat(backend.getMvStore().getMaxPageSize()).isEqualTo(DurableH2Backend.PAGE_SPLIT_BYTES).isLessThan(16 * 1024);
            assertThat(backend.getMvStore().getAutoCommitMemory()).isEqualTo(DurableH2Backend.HOUSEKEEPING_KB * 1024);
        } finally {
            backend.close();
        }
    }
}
