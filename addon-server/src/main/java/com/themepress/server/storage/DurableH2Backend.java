package com.themepress.server.storage;

import java.util.Locale;
import java.util.Set;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
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
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (waitsForDisk(command, query)) {
            commits.awaitDurable();
        }
        return answer;
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

    GroupCommit commits() {
        return commits;
    }
}
