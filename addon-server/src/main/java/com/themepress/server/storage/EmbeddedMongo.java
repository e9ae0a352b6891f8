package com.themepress.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * An in-process MongoDB-wire server on loopback whose data lives in one H2 file, so a local
 * platform keeps its registry across restarts without a MongoDB installation. Every write is on
 * disk before it is answered ({@link DurableH2Backend}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final DurableH2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;
    private final int compactBelow;

    private EmbeddedMongo(DurableH2Backend backend, MongoServer server, InetSocketAddress address, Path file, int compactBelow) {
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.file = file;
        this.compactBelow = compactBelow;
    }

    public static EmbeddedMongo start(Path dataDir) {
        return start(dataDir, DurableH2Backend.DEFAULT_CACHE_MB, 0);
    }

    /**
     * @param compactBelow on {@link #close}, rewrite the file with only its live pages when they fill less
     *                     than this percent of it (0: never)
     */
    public static EmbeddedMongo start(Path dataDir, int cacheMb, int compactBelow) {
        ownerOnly(dataDir);
        Path file = dataDir.resolve("registry.mv").toAbsolutePath();
        StoreCompaction.removeLeftover(file);
        DurableH2Backend backend = new DurableH2Backend(file.toString(), cacheMb);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        log.info("No spring.mongodb.uri set: embedded MongoDB-wire server on {} with data in {}", address, file);
        return new EmbeddedMongo(backend, server, address, file, compactBelow);
    }

    /**
     * Creates the data directory (and missing parents) readable by the owner only, and tightens an
     * existing one: the store holds every developer key's hash and every addon's manifest.
     */
    static void ownerOnly(Path dataDir) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!posix) {
                Files.createDirectories(dataDir);
                return;
            }
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            if (!Files.getPosixFilePermissions(dataDir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dataDir, OWNER_ONLY);
                log.info("Made {} readable by its owner only (0700)", dataDir.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir.toAbsolutePath()
                    + " readable by its owner only", e);
        }
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /**
     * Up to {@code limit} document ids of a collection in ascending order, after {@code after} (from
     * the first when null). Read from the collection's primary map, which H2 keeps in id order: the
     * wire server answers a range query on {@code _id} by reading every document, and keeps a query's
     * whole result in memory for its cursor.
     */
    public List<Object> idsAfter(String database, String collection, @Nullable Object after, int limit) {
        return backend.whileVersionPinned(() -> readIdsAfter(database, collection, after, limit));
    }

    private List<Object> readIdsAfter(String database, String collection, @Nullable Object after, int limit) {
        MVStore store = backend.getMvStore();
        String map = "databases." + database + "." + collection;
        if (!store.hasMap(map)) {
            return List.of();
        }
        MVMap<Object, Object> documents = store.openMap(map);
        List<Object> ids = new ArrayList<>(limit);
        Iterator<Object> keys = documents.keyIterator(after);
        while (keys.hasNext() && ids.size() < limit) {
            Object id = keys.next();
            if (!id.equals(after)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Up to {@code limit} documents of a collection in id order after {@code after} (from the first when
     * null), each encoded as BSON as the wire server would send it. Read from the collection's primary
     * map in this process: through the wire server a batch costs a query (index lookups, matching), a
     * reply and its decoding besides, about 20 times a bare read of the map (issue 25: 137 s to load
     * 105,000 addons at start-up, where reading their map took 6 s).
     */
    public List<byte[]> documentsAfter(String database, String collection, @Nullable Object after, int limit) {
        return backend.whileVersionPinned(() -> readDocumentsAfter(database, collection, after, limit));
    }

    private List<byte[]> readDocumentsAfter(String database, String collection, @Nullable Object after, int limit) {
        MVStore store = backend.getMvStore();
        String map = "databases." + database + "." + collection;
        if (!store.hasMap(map)) {
            return List.of();
        }
        MVMap<Object, Object> documents = store.openMap(map);
        List<byte[]> found = new ArrayList<>(limit);
        Cursor<Object, Object> cursor = documents.cursor(after);
        ByteBuf buffer = Unpooled.buffer();
        while (cursor.hasNext() && found.size() < limit) {
            Object id = cursor.next();
            if (id.equals(after) || !(cursor.getValue() instanceof Map<?, ?> document)) {
                continue;
            }
            buffer.clear();
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) document;
            BsonEncoder.encodeDocument(fields, buffer);
            byte[] bson = new byte[buffer.readableBytes()];
            buffer.readBytes(bson);
            found.add(bson);
        }
        return found;
    }

    /** Stops H2's background writer and its housekeeping; every acknowledged write still commits itself. */
    void stopBackgroundHousekeeping() {
        backend.getMvStore().setAutoCommitDelay(0);
    }

    /** How long H2 keeps a dead chunk's space from reuse, counted from the chunk's writing; tests shorten it. */
    void retainChunksFor(int millis) {
        backend.getMvStore().getFileStore().setRetentionTime(millis);
    }

    /**
     * Does what H2's background housekeeping does with a store whose chunks are half empty: moves their live
     * pages. For tests, with {@link #stopBackgroundHousekeeping}: one thread compacting at a time, as in a
     * running store (two at once trip an assertion inside H2).
     */
    void moveLivePages() {
        backend.getMvStore().compact(100, 1 << 20);
    }

    /**
     * Percent of the file that live pages fill: H2's share of the file's blocks that chunks hold, times
     * the share of the chunks' bytes that are still live (a dead page keeps its chunk's blocks until the
     * chunk empties).
     */
    int fileFillRate() {
        FileStore<?> file = backend.getMvStore().getFileStore();
        return file.getFillRate() * file.getChunksFillRate() / 100;
    }

    /** Writes made durable so far, and the flushes that did it. */
    long durableWrites() {
        return backend.commits().writes();
    }

    /** Queries answered by reading a whole collection: the embedded server's plan when no index fits the query. */
    long scans() {
        return backend.scans();
    }

    long flushes() {
        return backend.commits().flushes();
    }

    /**
     * Stops the server and closes the store; then, if live pages filled less than {@code compactBelow}
     * percent of the file, rewrites it with those pages only ({@link StoreCompaction}).
     */
    @Override
    public void close() {
        // measured while open; it walks the chunk list, so not at all when compaction is off
        int live = compactBelow == 0 || backend.getMvStore().isClosed() ? 100 : fileFillRate();
        // shutdownNow also closes the backend, which flushes the H2 store to disk.
        server.shutdownNow();
        if (!backend.getMvStore().isClosed()) {
            backend.close();
        }
        if (live < compactBelow) {
            StoreCompaction.compact(file, live);
        }
    }
}
