package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Resources;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.storage.CollectionKeys;
import com.themepress.server.storage.InterimWrites;

import jakarta.annotation.PostConstruct;

/**
 * All MongoDB access of the registry. Queries stay within what both a real MongoDB and the
 * embedded wire server answer alike. The embedded server uses only unique indexes, and only for
 * equality or {@code $in} on all of their keys; any other query reads every document of the
 * collection, so nothing a public request reaches may ask one (issue 25).
 */
@Repository
class RegistryStore {

    static final String DEVELOPER_CHANGES = "developer_changes";
    private static final int CLAIMS_BATCH = 500;

    private final MongoTemplate mongo;
    /** For the writes a registration makes under its developer's turn: the addon write after them waits for the disk. */
    private final InterimWrites interim;
    private final CollectionKeys keys;

    RegistryStore(MongoTemplate mongo, InterimWrites interim, CollectionKeys keys) {
        this.mongo = mongo;
        this.interim = interim;
        this.keys = keys;
    }

    /**
     * Created here rather than by auto-index-creation so that a test can see they exist. The non-unique
     * ones only on a real MongoDB: the embedded server keeps such an index as an empty stand-in that it
     * fills, at every start, by reading every document of the collection twice, and never uses. At
     * 100,000 versions that was most of a restart (issue 25), so on the embedded store those an earlier
     * version created are dropped.
     */
    @PostConstruct
    void ensureIndexes() {
        mongo.indexOps(AddonVersionDocument.class).createIndex(
                new Index().on("name", Sort.Direction.ASC).on("versionKey", Sort.Direction.ASC).unique().named("name_version"));
        // Optimistic-locking updates query {_id, revision}. MongoDB answers that from the _id index
        // anyway; the embedded server only uses an index whose keys match the query exactly, and
        // otherwise scans the collection on every publish. Redundant on MongoDB, harmless.
        mongo.indexOps(AddonDocument.class).createIndex(
                new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC).unique().named("id_revision"));
        if (keys.usesSecondaryIndexes()) {
            mongo.indexOps(AddonVersionDocument.class).createIndex(
                    new Index().on("dependsOn", Sort.Direction.ASC).named("dependents"));
            mongo.indexOps(AddonVersionDocument.class).createIndex(
                    new Index().on("registeredBy", Sort.Direction.ASC).on("withdrawn", Sort.Direction.ASC).named("registered_by"));
        } else {
            dropIfPresent(AddonVersionDocument.class, "dependents");
            dropIfPresent(AddonVersionDocument.class, "registered_by");
            dropIfPresent(AddonDocument.class, "category_name"); // served a store-backed browse, gone since
        }
    }

    private void dropIfPresent(Class<?> type, String index) {
        if (mongo.indexOps(type).getIndexInfo().stream().anyMatch(info -> info.getName().equals(index))) {
            mongo.indexOps(type).dropIndex(index);
        }
    }

    Optional<AddonDocument> addon(String name) {
        return Optional.ofNullable(mongo.findById(name, AddonDocument.class));
    }

    AddonDocument insert(AddonDocument addon) {
        return mongo.insert(addon);
    }

    AddonDocument save(AddonDocument addon) {
        return mongo.save(addon);
    }

    /**
     * Stores a new version without waiting for the disk ({@link InterimWrites}): the caller writes the
     * addon document that lists it next, and that write waits for both. Only one developer's
     * registrations take turns here, so a wait here would have queued all of them behind each flush.
     */
    AddonVersionDocument stage(AddonVersionDocument version) {
        return interim.template().insert(version);
    }

    AddonVersionDocument save(AddonVersionDocument version) {
        return mongo.save(version);
    }

    void delete(AddonVersionDocument version) {
        mongo.remove(version);
    }

    Optional<AddonVersionDocument> version(String name, String version) {
        return Optional.ofNullable(mongo.findById(AddonVersionDocument.idOf(name, version), AddonVersionDocument.class));
    }

    /** The addon documents among {@code names}, in one {@code $in} lookup on the {@code _id} index. */
    List<AddonDocument> addons(Collection<String> names) {
        return names.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("_id").in(names)), AddonDocument.class);
    }

    /** The version documents with these ids ({@link AddonVersionDocument#idOf}), in one {@code $in} lookup. */
    List<AddonVersionDocument> versions(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("_id").in(ids)), AddonVersionDocument.class);
    }

    /** Active versions of other addons that declare a dependency on {@code name}. */
    List<AddonVersionDocument> activeDependents(String name) {
        Criteria declares = Criteria.where("dependsOn").is(name);
        return mongo.find(Query.query(declares.and("withdrawn").is(false)), AddonVersionDocument.class);
    }

    /**
     * What each active version {@code developer} registered claims, one at a time: the quota's input.
     * Versions stored before {@code resources} was copied out of the manifest are read from it. A real
     * MongoDB answers from the {@code registered_by} index through a cursor. The embedded server cannot
     * use that index: it reads every version and holds each match until the query's end, which at
     * 100,000 versions of one developer ended the server with OutOfMemoryError (issue 25); there the
     * versions are read in id order from its map in this process, {@value #CLAIMS_BATCH} at a time, so
     * memory stays bounded and the time grows with the number of versions.
     */
    void forEachActiveClaim(String developer, Consumer<DeveloperQuotas.Claim> each) {
        String collection = mongo.getCollectionName(AddonVersionDocument.class);
        if (keys.usesSecondaryIndexes()) {
            Query query = Query.query(Criteria.where("registeredBy").is(developer).and("withdrawn").is(false));
            query.fields().include("_id").include("name").include("version").include("resources");
            try (Stream<Document> rows = mongo.stream(query, Document.class, collection)) {
                rows.forEach(row -> claim(row).ifPresent(each));
            }
            return;
        }
        String after = null;
        while (true) {
            List<Document> rows = keys.documentsAfter(collection, after, CLAIMS_BATCH);
            for (Document row : rows) {
                if (developer.equals(row.getString("registeredBy")) && !Boolean.TRUE.equals(row.getBoolean("withdrawn"))) {
                    claim(row).ifPresent(each);
                }
            }
            if (rows.size() < CLAIMS_BATCH) {
                return;
            }
            after = rows.get(rows.size() - 1).getString("_id");
        }
    }

    private Optional<DeveloperQuotas.Claim> claim(Document row) {
        Document stored = row.get("resources", Document.class);
        Resources resources = stored != null ? mongo.getConverter().read(Resources.class, stored)
                : version(row.getString("name"), row.getString("version"))
                        .map(v -> StrictJson.mapper().readValue(v.manifest(), AddonManifest.class).resources())
                        .orElse(null);
        return Optional.ofNullable(resources)
                .map(r -> new DeveloperQuotas.Claim(row.getString("_id"), row.getString("name"), ResourceClaim.of(r)));
    }

    /**
     * Counts one change of {@code developer}'s versions (stored, taken back or withdrawn) and returns the
     * new count: one atomic increment, so every change across replicas gets its own number. It does not
     * wait for the disk ({@link InterimWrites}): the write that follows it does (the addon's, or the
     * deletion of a refused version first), and on the embedded store a count lost in a crash is lost
     * with the only process that remembered it.
     */
    long countChange(String developer) {
        Document counter = interim.collection(DEVELOPER_CHANGES).findOneAndUpdate(Filters.eq("_id", developer),
                Updates.inc("changes", 1L), new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("changes")).longValue();
    }

    /**
     * Every addon document, listed or not, a batch at a time in name order, so neither this process nor
     * the store ever holds more than one batch. On a real MongoDB: ids from the {@code _id} index
     * ({@link CollectionKeys}), then one {@code $in} lookup on it per batch. On the embedded store the
     * documents are read from its map in this process: through the wire server a batch cost a query and
     * a reply besides, about 20 times the bare read (issue 25: most of a restart at 100,000 addons).
     * Batches are read at different moments, so a change made meanwhile may or may not be seen.
     */
    void forEachAddonBatch(int size, Consumer<List<AddonDocument>> batch) {
        String collection = mongo.getCollectionName(AddonDocument.class);
        String after = null;
        while (true) {
            if (!keys.usesSecondaryIndexes()) {
                List<Document> rows = keys.documentsAfter(collection, after, size);
                if (!rows.isEmpty()) {
                    batch.accept(rows.stream().map(row -> mongo.getConverter().read(AddonDocument.class, row)).toList());
                    after = rows.get(rows.size() - 1).getString("_id");
                }
                if (rows.size() < size) {
                    return;
                }
                continue;
            }
            List<String> ids = keys.after(collection, after, size);
            if (ids.isEmpty()) {
                return;
            }
            batch.accept(mongo.find(Query.query(Criteria.where("_id").in(ids)), AddonDocument.class));
            if (ids.size() < size) {
                return;
            }
            after = ids.get(ids.size() - 1);
        }
    }
}
