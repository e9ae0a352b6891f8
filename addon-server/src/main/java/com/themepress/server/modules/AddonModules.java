package com.themepress.server.modules;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.themepress.server.permissions.ModuleDigests;

/**
 * Where modules are kept: {@code addon_modules} maps an addon version to its module's SHA-256 (one
 * upload per version, never replaced), {@code addon_module_blobs} holds the bytes once per SHA-256.
 * Both are read by key only. The version's document is written after the bytes, so a digest that can
 * be read always has its bytes.
 */
@Component
class AddonModules implements ModuleDigests {

    static final String VERSIONS = "addon_modules";
    static final String BLOBS = "addon_module_blobs";

    private final MongoTemplate mongo;
    private final Clock clock;

    AddonModules(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What an upload did: stored it, found the same bytes already there, or found other bytes (immutable). */
    enum Outcome { CREATED, SAME, CONFLICT }

    record Stored(Outcome outcome, String sha256, long size) {
    }

    Stored put(String addon, String version, byte[] bytes) {
        String sha256 = sha256(bytes);
        Optional<Document> existing = version(addon, version);
        if (existing.isPresent()) {
            return same(existing.get(), sha256);
        }
        try {
            mongo.insert(new Document("_id", sha256).append("size", bytes.length).append("bytes", new Binary(bytes)), BLOBS);
        } catch (DuplicateKeyException alreadyThere) {
            // Another version (or a racing upload) stored the same bytes first: one copy serves both.
        }
        try {
            mongo.insert(new Document("_id", key(addon, version)).append("addon", addon).append("version", version)
                    .append("sha256", sha256).append("size", bytes.length).append("uploadedAt", Date.from(clock.instant())), VERSIONS);
        } catch (DuplicateKeyException raced) {
            return same(version(addon, version).orElseThrow(), sha256);
        }
        return new Stored(Outcome.CREATED, sha256, bytes.length);
    }

    private static Stored same(Document existing, String sha256) {
        String stored = existing.getString("sha256");
        return new Stored(stored.equals(sha256) ? Outcome.SAME : Outcome.CONFLICT, stored, ((Number) existing.get("size")).longValue());
    }

    Optional<Document> version(String addon, String version) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(key(addon, version))), Document.class, VERSIONS));
    }

    Optional<byte[]> bytes(String sha256) {
        Document blob = mongo.findOne(Query.query(Criteria.where("_id").is(sha256)), Document.class, BLOBS);
        return blob == null ? Optional.empty() : Optional.of(blob.get("bytes", Binary.class).getData());
    }

    @Override
    public Optional<String> sha256(String addon, String version) {
        return version(addon, version).map(d -> d.getString("sha256"));
    }

    private static String key(String addon, String version) {
        return addon + "@" + version;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
