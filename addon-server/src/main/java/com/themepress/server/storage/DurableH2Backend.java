package com.themepress.server.storage;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 backend, but a command that may change data is answered only after the change is on disk.
 * H2's MVStore writes in the background about once a second, so a crash used to lose the writes of
 * the last second that had already been answered (issue "Nothing acknowledged is ever lost": 117 of
 * 786 registrations). Commands known to only read skip the wait; anything else, unknown ones
 * included, waits, since a needless flush costs a little and a missed one loses data.
 */
final class DurableH2Backend extends H2Backend {

    /** Lower-case names of the commands that never change data. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ping", "ismaster", "hello", "buildinfo", "whatsmyuri", "serverstatus",
            "dbstats", "collstats", "getlasterror", "killcursors", "endsessions", "getparameter", "connectionstatus",
            "hostinfo", "getcmdlineopts", "getlog", "saslstart", "saslcontinue", "explain", "validate");

    private final GroupCommit commits;
    private final LongAdder scans = new LongAdder();

    /**
     * Bounds what H2's background housekeeping rewrites in one go, under the store lock that every
     * commit needs: up to this many KB times the file's fill rate over its chunks' fill rate (four times
     * less while writes go on). With H2's default (16 MB with a 256 MB heap) a pass could rewrite over a
     * hundred MB of chunks, deserialising and serialising each live document again while commits waited
     * (issue 25, JFR during registrations at 41,000 addons: 56% of the CPU samples in that rewrite).
     * Commits come from {@link GroupCommit}, so H2's own commit on this much unsaved data hardly happens.
     */
    static final int HOUSEKEEPING_KB = 1024;

    /**
     * Leaf pages split at this size instead of H2's 16 KB for files. Every commit serialises again each
     * leaf it touched, all its documents included (Java serialisation: a fifth of the CPU of registrations),
     * and registrations land on scattered leaves, so smaller leaves mean less written again per commit.
     */
    static final int PAGE_SPLIT_BYTES = 4 * 1024;

    /** The MVStore's default page cache (16 MB). */
    static final int DEFAULT_CACHE_MB = 16;

    DurableH2Backend(String fileName) {
        this(fileName, DEFAULT_CACHE_MB);
    }

    /**
     * @param cacheMb bound on H2's page cache. It holds deserialised documents, weighed by H2 at their
     *                serialised size, which is several times smaller than their heap, so the cache's
     *                real heap is a multiple of this figure.
     */
    DurableH2Backend(String fileName, int cacheMb) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMb).autoCommitBufferSize(HOUSEKEEPING_KB)
                .pageSplitSize(PAGE_SPLIT_BYTES).open());
        this.commits = new GroupCommit(() -> {
            getMvStore().commit();
            getMvStore().sync();
        });
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = whileVersionPinned(() -> super.handleCommand(channel, databaseName, command, query));
        if (waitsForDisk(command, query)) {
            commits.awaitDurable();
        }
        return answer;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return whileVersionPinned(() -> super.handleQuery(query));
    }

    /**
     * Runs {@code read} with the store's current version marked in use, so that H2 keeps every chunk the
     * read may walk until it ends. Without this, H2 drops a chunk that no longer holds live pages once five
     * newer versions exist and the chunk is older than its retention time, which counts from the chunk's
     * writing, not from its death. Every acknowledged write is a version here, so under steady writes a
     * scan that outlived five of them, while H2's housekeeping moved pages it had yet to reach, read a
     * chunk that was gone: "Chunk N not found", a 500 for the caller (issue 25, registrations at 108,000
     * addons). The wire server scans a collection under that collection's lock only; other collections'
     * writes and the housekeeping go on meanwhile.
     */
    <T> T whileVersionPinned(Supplier<T> read) {
        MVStore store = getMvStore();
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }

    /**
     * A command that may change data waits, unless its write concern says {@code j: false}: then a
     * later write of the same caller waits for it ({@link InterimWrites}), since a commit writes the
     * whole store.
     */
    static boolean waitsForDisk(String command, Document query) {
        return changesData(command, query)
                && !(query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j")));
    }

    static boolean changesData(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            // $out and $merge write a collection
            String pipeline = String.valueOf(query.get("pipeline"));
            return pipeline.contains("$out") || pipeline.contains("$merge");
        }
        return !READS.contains(name);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdFirstDatabase(databaseName);
    }

    /**
     * A database whose collections look a document up by its {@code _id} first ({@link IdFirstCollection}).
     * An inner class because H2's database opens the existing collections in its constructor, before a
     * field of a subclass is set; the store comes from this backend.
     */
    private final class IdFirstDatabase extends H2Database {

        IdFirstDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // H2Database's map names, which its other methods (drop, rename) expect
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + fullName);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
            return new IdFirstCollection(this, collectionName, options, documents, meta, getCursorRegistry(),
                    DurableH2Backend.this::countScan);
        }
    }

    private void countScan() {
        LongAdder counter = scans;
        // null while H2's constructor opens the existing collections, which reads their namespaces
        if (counter != null) {
            counter.increment();
        }
    }

    /** Queries answered by reading a whole collection, since the start. */
    long scans() {
        return scans.sum();
    }

    GroupCommit commits() {
        return commits;
    }
}
