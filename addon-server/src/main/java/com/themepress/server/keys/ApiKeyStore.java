package com.themepress.server.keys;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import jakarta.annotation.PostConstruct;

/** All MongoDB access for keys: by secret hash (every authenticated call), by public id, and pages. */
@Repository
class ApiKeyStore {

    private final MongoTemplate mongo;

    ApiKeyStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Revocation looks keys up by their public id; created here so that it needs no auto-index-creation. */
    @PostConstruct
    void ensureIndexes() {
        mongo.indexOps(ApiKeyDocument.class).createIndex(
                new Index().on("keyId", Sort.Direction.ASC).unique().named("key_id"));
    }

    Optional<ApiKeyDocument> bySecretHash(String hash) {
        return Optional.ofNullable(mongo.findById(hash, ApiKeyDocument.class));
    }

    Optional<ApiKeyDocument> byKeyId(String keyId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("keyId").is(keyId)), ApiKeyDocument.class));
    }

    void insert(ApiKeyDocument key) {
        mongo.insert(key);
    }

    ApiKeyDocument save(ApiKeyDocument key) {
        return mongo.save(key);
    }

    /** Newest first; the secret's hash never leaves this class in a page. */
    KeyPage page(@Nullable String developer, int page, int size) {
        Query query = developer == null ? new Query() : Query.query(Criteria.where("developer").is(developer));
        long total = mongo.count(query, ApiKeyDocument.class);
        query.with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("keyId"))).skip((long) page * size).limit(size);
        return new KeyPage(mongo.find(query, ApiKeyDocument.class).stream().map(KeyView::of).toList(), page, size, total);
    }
}
