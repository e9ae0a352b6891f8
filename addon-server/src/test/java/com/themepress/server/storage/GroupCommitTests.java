package com.themepress.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.themepress.testsupport.Gate;

class GroupCommitTests {

    @Test
    void writersThatArriveDuringAFlushShareTheNextOne() {
        Gate disk = Gate.closed();
        AtomicInteger flushesStarted = new AtomicInteger();
        GroupCommit commits = new GroupCommit(() -> {
            flushesStarted.incrementAndGet();
            disk.pass();
        });
        ExecutorService writers = Executors.newFixedThreadPool(11);
        try {
            List<CompletableFuture<Void>> acknowledged = new ArrayList<>();
            acknowledged.add(CompletableFuture.runAsync(commits::awaitDurable, writers));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> disk.waiting() == 1);
            for (int i = 0; i < 10; i++) {
                acknowledged.add(CompletableFuture.runAsync(commits::awaitDurable, writers));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commits.writes() == 11);
            assertThat(acknowledged).noneMatch(CompletableFuture::isDone);

            disk.open();

            assertThat(CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(5));
            assertThat(flushesStarted).hasValue(2);
            assertThat(commits.flushes()).isEqualTo(2);
        } finally {
            disk.open();
            writers.shutdownNow();
        }
    }

    @Test
    void aWriterIsNotReleasedByAFlushThatBeganBeforeItsWrite() {
        Gate disk = Gate.closed();
        AtomicInteger flushesDone = new AtomicInteger();
        GroupCommit commits = new GroupCommit(() -> {
            disk.pass();
            flushesDone.incrementAndGet();
        });
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(commits::awaitDurable, writers);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> disk.waiting() == 1);
            // written while the first flush is on its way to the disk: that flush may not include it
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                commits.awaitDurable();
                return flushesDone.get();
            }, writers);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commits.writes() == 2);

            disk.open();

            assertThat(first).succeedsWithin(Duration.ofSeconds(5));
            assertThat(second).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(2);
        } finally {
            disk.open();
            writers.shutdownNow();
        }
    }

    @Test
    void aFailedFlushFailsItsWritersAndTheNextWriteFlushesAgain() {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        GroupCommit commits = new GroupCommit(() -> {
            if (diskFull.get()) {
                throw new IllegalStateException("No space left on device");
            }
        });

        assertThatThrownBy(commits::awaitDurable).hasMessageContaining("No space left");
        diskFull.set(false);
        commits.awaitDurable();

        assertThat(commits.flushes()).isEqualTo(1);
    }
}
