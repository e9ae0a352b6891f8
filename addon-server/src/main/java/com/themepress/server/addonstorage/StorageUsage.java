package com.themepress.server.addonstorage;

import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Bytes and documents each scope holds, one counter document per scope. A write that grows a scope
 * first reserves its growth with one conditional increment (the counter moves only while it stays
 * within the quota), so two writers at once cannot both pass the last free bytes; a write that then
 * fails gives its reservation back. Without transactions a crash between the two leaves the counter
 * high, never low: a quota errs on the side of refusing.
 */
@Component
class StorageUsage {

    static final String COLLECTION = "addon_storage_usage";

    record Usage(long bytes, long documents) {
    }

    private final MongoTemplate mongo;
    private final StorageLimits limits;

    StorageUsage(MongoTemplate mongo, StorageLimits limits) {
        this.mongo = mongo;
        this.limits = limits;
    }

    Usage of(StorageScope scope) {
        Document counters = mongo.findById(scope.key(), Document.class, COLLECTION);
        return counters == null ? new Usage(0, 0)
                : new Usage(((Number) counters.get("bytes")).longValue(), ((Number) counters.get("documents")).longValue());
    }

    /** Takes {@code bytes} and {@code documents} more for the scope (each may be 0 or negative), or 429 naming the quota. */
    void reserve(StorageScope scope, long bytes, long documents) {
        if (bytes <= 0 && documents <= 0) {
            adjust(scope, bytes, documents);
            return;
        }
        ensure(scope);
        Query withinQuota = Query.query(Criteria.where("_id").is(scope.key())
                .and("bytes").lte(limits.maxBytes().toBytes() - Math.max(0, bytes))
                .and("documents").lte(limits.maxDocuments() - Math.max(0, documents)));
        if (mongo.updateFirst(withinQuota, new Update().inc("bytes", bytes).inc("documents", documents), COLLECTION).getMatchedCount() == 0) {
            Usage used = of(scope);
            boolean count = documents > 0 && used.documents() + documents > limits.maxDocuments();
            throw exceeded(scope, count ? "documents" : "bytes", count ? used.documents() : used.bytes(),
                    count ? limits.maxDocuments() : limits.maxBytes().toBytes());
        }
    }

    /** Gives back (or, negative, takes) without a check: a reservation whose write failed, a document removed. */
    void adjust(StorageScope scope, long bytes, long documents) {
        if (bytes == 0 && documents == 0) {
            return;
        }
        ensure(scope);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(scope.key())), new Update().inc("bytes", bytes).inc("documents", documents),
                COLLECTION);
    }

    void forget(StorageScope scope) {
        mongo.remove(Query.query(Criteria.where("_id").is(scope.key())), COLLECTION);
    }

    private void ensure(StorageScope scope) {
        if (mongo.findById(scope.key(), Document.class, COLLECTION) == null) {
            try {
                mongo.insert(new Document("_id", scope.key()).append("addon", scope.addon()).append("site", scope.site())
                        .append("bytes", 0L).append("documents", 0L), COLLECTION);
            } catch (DuplicateKeyException createdConcurrently) {
                // another writer made it first: fine
            }
        }
    }

    private static PlatformException exceeded(StorageScope scope, String quota, long used, long limit) {
        PlatformException problem = new PlatformException(ProblemType.STORAGE_QUOTA_EXCEEDED, "Addon '" + scope.addon() + "' on site '"
                + scope.site() + "' would pass its storage quota of " + limit + " " + quota + " (" + used + " used); nothing was written.",
                List.of(new FieldError("/data", "over the " + quota + " quota")));
        problem.getBody().setProperty("quota", quota);
        problem.getBody().setProperty("used", used);
        problem.getBody().setProperty("limit", limit);
        return problem;
    }
}
