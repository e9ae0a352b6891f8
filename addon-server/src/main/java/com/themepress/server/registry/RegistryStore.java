package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Resources;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.storage.CollectionKeys;

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

    private final MongoTemplate mongo;
    private final CollectionKeys keys;

    RegistryStore(MongoTemplate mongo, CollectionKeys keys) {
        this.mongo = mongo;
        this.keys = keys;
    }

    /** Created here rather than by auto-index-creation so that a test can see they exist. */
    @PostConstruct
    void ensureIndexes() {
        mongo.indexOps(AddonVersionDocument.class).createIndex(
                new Index().on("name", Sort.Direction.ASC).on("versionKey", Sort.Direction.ASC).unique().named("name_version"));
        mongo.indexOps(AddonVersionDocument.class).createIndex(
                new Index().on("dependsOn", Sort.Direction.ASC).named("dependents"));
        mongo.indexOps(AddonVersionDocument.class).createIndex(
                new Index().on("registeredBy", Sort.Direction.ASC).on("withdrawn", Sort.Direction.ASC).named("registered_by"));
        // Optimistic-locking updates query {_id, revision}. MongoDB answers that from the _id index
        // anyway; the embedded server only uses an index whose keys match the query exactly, and
        // otherwise scans the collection on every publish. Redundant on MongoDB, harmless.
        mongo.indexOps(AddonDocument.class).createIndex(
                new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC).unique().named("id_revision"));
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

    AddonVersionDocument insert(AddonVersionDocument version) {
        return mongo.insert(version);
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
     * What each active version {@code developer} registered claims: the quota's input. Versions stored
     * before {@code resources} was copied out of the manifest are read from it.
     */
    List<DeveloperQuotas.Claim> activeClaims(String developer) {
        Query query = Query.query(Criteria.where("registeredBy").is(developer).and("withdrawn").is(false));
        query.fields().include("_id").include("name").include("version").include("resources");
        List<DeveloperQuotas.Claim> claims = new ArrayList<>();
        for (Document row : mongo.find(query, Document.class, mongo.getCollectionName(AddonVersionDocument.class))) {
            Document stored = row.get("resources", Document.class);
            Resources resources = stored != null ? mongo.getConverter().read(Resources.class, stored)
                    : version(row.getString("name"), row.getString("version"))
                            .map(v -> StrictJson.mapper().readValue(v.manifest(), AddonManifest.class).resources())
                            .orElse(null);
            if (resources != null) {
                claims.add(new DeveloperQuotas.Claim(row.getString("_id"), row.getString("name"), ResourceClaim.of(resources)));
            }
        }
        return claims;
    }

    /**
     * Counts one change of {@code developer}'s versions (stored, taken back or withdrawn) and returns the
     * new count: one atomic increment, so every change across replicas gets its own number.
     */
    long countChange(String developer) {
        Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(developer)), new Update().inc("changes", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, DEVELOPER_CHANGES);
        return ((Number) counter.get("changes")).longValue();
    }

    /**
     * Every addon document, listed or not, a batch at a time in name order: ids from the {@code _id}
     * index ({@link CollectionKeys}), then one {@code $in} lookup on it per batch, so neither this
     * process nor the store ever holds more than one batch. Batches are read at different moments, so
     * a change made meanwhile may or may not be seen.
     */
    void forEachAddonBatch(int size, Consumer<List<AddonDocument>> batch) {
        String collection = mongo.getCollectionName(AddonDocument.class);
        String after = null;
        while (true) {
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
