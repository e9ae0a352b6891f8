package com.themepress.server.addonstorage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.node.ObjectNode;

/**
 * The documents of every scope, in one MongoDB collection: each carries its addon, site, collection and
 * id (its {@code _id} joins the four, and a unique compound index holds them on MongoDB and on the
 * embedded server), a version that every write raises by one, and its size. Every query names the
 * scope first, so no path through here reaches another addon's or another site's documents.
 */
@Component
class AddonDocuments {

    static final String COLLECTION = "addon_storage";

    /** What a put did: the document as stored, and whether it is new. */
    record Written(StoredDocument document, boolean created) {
    }

    private final MongoTemplate mongo;
    private final StorageUsage usage;
    private final StorageLimits limits;
    private final Clock clock;

    AddonDocuments(MongoTemplate mongo, StorageUsage usage, StorageLimits limits, Clock clock) {
        this.mongo = mongo;
        this.usage = usage;
        this.limits = limits;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("addon", Sort.Direction.ASC).on("site", Sort.Direction.ASC)
                .on("collection", Sort.Direction.ASC).on("key", Sort.Direction.ASC).unique().named("scope_collection_key"));
    }

    Optional<StoredDocument> get(StorageScope scope, String collection, String id) {
        return Optional.ofNullable(raw(scope, collection, id)).map(AddonDocuments::view);
    }

    Written put(StorageScope scope, String collection, String id, ObjectNode data, Precondition precondition) {
        long size = StrictJson.mapper().writeValueAsBytes(data).length;
        if (size > limits.maxDocumentSize().toBytes()) {
            throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "The document is " + size + " bytes as JSON; one document may be at most "
                    + limits.maxDocumentSize().toBytes() + " (themepress.addon-storage.max-document-size). Nothing was written.");
        }
        Document stored = BsonJson.toBson(data);
        Document existing = raw(scope, collection, id);
        Long current = existing == null ? null : existing.getLong("version");
        precondition.require(current);
        long oldSize = existing == null ? 0 : ((Number) existing.get("size")).longValue();
        usage.reserve(scope, size - oldSize, existing == null ? 1 : 0);
        boolean written = false;
        try {
            long version = current == null ? 1 : current + 1;
            if (existing == null) {
                mongo.insert(new Document("_id", scope.documentKey(collection, id)).append("addon", scope.addon()).append("site", scope.site())
                        .append("collection", collection).append("key", id).append("version", version).append("size", size)
                        .append("data", stored).append("updatedAt", Date.from(clock.instant())), COLLECTION);
            } else {
                Query unchanged = Query.query(Criteria.where("_id").is(scope.documentKey(collection, id)).and("version").is(current));
                Update update = new Update().set("version", version).set("size", size).set("data", stored).set("updatedAt",
                        Date.from(clock.instant()));
                if (mongo.updateFirst(unchanged, update, COLLECTION).getMatchedCount() == 0) {
                    throw raced();
                }
            }
            written = true;
            return new Written(new StoredDocument(collection, id, version, data), existing == null);
        } catch (DuplicateKeyException createdMeanwhile) {
            throw precondition.absent() ? Precondition.changed("The document was created meanwhile (If-None-Match: *).") : raced();
        } finally {
            if (!written) {
                usage.adjust(scope, oldSize - size, existing == null ? -1 : 0);
            }
        }
    }

    /** Whether there was a document to delete; 412 when {@code precondition} names another version. */
    boolean delete(StorageScope scope, String collection, String id, Precondition precondition) {
        Document existing = raw(scope, collection, id);
        precondition.require(existing == null ? null : existing.getLong("version"));
        if (existing == null) {
            return false;
        }
        Query unchanged = Query.query(Criteria.where("_id").is(scope.documentKey(collection, id)).and("version").is(existing.getLong("version")));
        if (mongo.remove(unchanged, COLLECTION).getDeletedCount() == 0) {
            throw raced();
        }
        usage.adjust(scope, -((Number) existing.get("size")).longValue(), -1);
        return true;
    }

    List<StoredDocument> query(StorageScope scope, String collection, DocumentQuery query) {
        Criteria criteria = inScope(scope).and("collection").is(collection);
        if (!query.conditions().isEmpty()) {
            criteria = criteria.andOperator(query.conditions());
        }
        return mongo.find(Query.query(criteria).with(query.sort()).limit(query.limit()), Document.class, COLLECTION).stream()
                .map(AddonDocuments::view).toList();
    }

    /** The collections a scope has documents in, sorted; for the site admin's view. */
    List<String> collections(StorageScope scope) {
        List<String> names = new ArrayList<>(mongo.findDistinct(Query.query(inScope(scope)), "collection", COLLECTION, String.class));
        names.sort(null);
        return names;
    }

    /** Removes every document of the scope and its usage counters: retention is over. */
    long deleteAll(StorageScope scope) {
        long removed = mongo.remove(Query.query(inScope(scope)), COLLECTION).getDeletedCount();
        usage.forget(scope);
        return removed;
    }

    private @Nullable Document raw(StorageScope scope, String collection, String id) {
        Document found = mongo.findById(scope.documentKey(collection, id), Document.class, COLLECTION);
        // the key joins the names with '/', which none of them may hold; checked again all the same
        return found != null && scope.addon().equals(found.getString("addon")) && scope.site().equals(found.getString("site")) ? found : null;
    }

    private static Criteria inScope(StorageScope scope) {
        return Criteria.where("addon").is(scope.addon()).and("site").is(scope.site());
    }

    private static StoredDocument view(Document document) {
        return new StoredDocument(document.getString("collection"), document.getString("key"), document.getLong("version"),
                BsonJson.toJson(document.get("data", Document.class)));
    }

    private static PlatformException raced() {
        return new PlatformException(ProblemType.CONCURRENT_MODIFICATION, "Another write changed the document at the same time; read it and retry.");
    }
}
