package com.themepress.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a closed store file with its live pages only. H2 rewrites half-empty chunks in the background,
 * but only a little at a time ({@link DurableH2Backend#HOUSEKEEPING_KB}), since that work holds the lock
 * every commit needs; under steady registrations it falls behind, and its own moves in a running store
 * shortened the file by little. After the registry benchmark the file held 2,875 MB for 108,000 addons,
 * 14% of it live; copied on stop, it was 401 MB, in 2.4 s. The copy goes to a file beside the store, is
 * forced to the disk, and then replaces the store in one rename, so a crash at any point leaves either
 * the old file or the new one whole.
 */
final class StoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);
    private static final String SUFFIX = ".compacting";

    private StoreCompaction() {
    }

    /** Rewrites the closed store {@code file}, whose live pages filled {@code livePercent} of it. */
    static void compact(Path file, int livePercent) {
        Path copy = copyOf(file);
        long started = System.nanoTime();
        try {
            long before = Files.size(file);
            Files.deleteIfExists(copy);
            MVStore.compact(file.toString(), copy.toString(), false, null);
            try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.getParent());
            log.info("Compacted the embedded store on stop: {} MB ({}% live) to {} MB in {} ms", before >> 20, livePercent,
                    Files.size(file) >> 20, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // the store itself is untouched until the rename: a failed compaction costs disk space, not data
            log.warn("Could not compact the embedded store {}; it stays as it was: {}", file, e.toString());
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // removed at the next start
            }
        }
    }

    /** A copy left by a compaction that a crash interrupted, before its rename: the store itself is whole. */
    static void removeLeftover(Path file) {
        try {
            if (Files.deleteIfExists(copyOf(file))) {
                log.info("Removed {}, left by a compaction on stop that did not finish", copyOf(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + copyOf(file), e);
        }
    }

    static Path copyOf(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** The rename is durable only once the directory that lists it is on disk. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for this; the rename itself has happened
            log.debug("Could not force directory {}: {}", directory, e.toString());
        }
    }
}
