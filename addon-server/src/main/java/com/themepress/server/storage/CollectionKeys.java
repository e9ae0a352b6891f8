package com.themepress.server.storage;

import java.nio.ByteBuffer;
import java.util.List;

import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Walks a collection's ids in ascending order, a batch at a time, so that a reader can stream a whole
 * collection with one lookup by id per document and never more than one batch in memory. On a real
 * MongoDB a batch is a range query on the {@code _id} index. The embedded wire server cannot use an
 * index for a range, reads every document for such a query and holds its whole result for the cursor
 * (issue 25: 90,000 addons ended the server with OutOfMemoryError), so there the ids come from its
 * store's primary map, which is kept in id order.
 */
@Component
public class CollectionKeys {

    private final MongoTemplate mongo;
    private final @Nullable EmbeddedMongo embedded;

    @Autowired
    CollectionKeys(MongoTemplate mongo, ObjectProvider<EmbeddedMongo> embedded) {
        this(mongo, embedded.getIfAvailable());
    }

    /** @param embedded the embedded server {@code mongo} talks to, or null for a real MongoDB */
    public CollectionKeys(MongoTemplate mongo, @Nullable EmbeddedMongo embedded) {
        this.mongo = mongo;
        this.embedded = embedded;
    }

    /**
     * Whether the store answers a query on a non-unique index from that index (a real MongoDB), rather
     * than by reading every document of the collection and holding each match until the end (the
     * embedded server).
     */
    public boolean usesSecondaryIndexes() {
        return embedded == null;
    }

    /**
     * Up to {@code limit} documents of {@code collection} after id {@code after} (from the first when
     * null), in id order, read inside this process from the embedded store; empty on a real MongoDB,
     * where the caller reads by id instead ({@link #after}).
     */
    public List<Document> documentsAfter(String collection, @Nullable String after, int limit) {
        if (embedded == null) {
            return List.of();
        }
        Codec<Document> codec = mongo.getDb().getCodecRegistry().get(Document.class);
        return embedded.documentsAfter(mongo.getDb().getName(), collection, after, limit).stream()
                .map(bson -> codec.decode(new BsonBinaryReader(ByteBuffer.wrap(bson)), DecoderContext.builder().build()))
                .toList();
    }

    /** Up to {@code limit} string ids of {@code collection} after {@code after} (from the first when null), ascending. */
    public List<String> after(String collection, @Nullable String after, int limit) {
        if (embedded != null) {
            return embedded.idsAfter(mongo.getDb().getName(), collection, after, limit).stream()
                    .filter(String.class::isInstance).map(String.class::cast).toList();
        }
        Query query = after == null ? new Query() : Query.query(Criteria.where("_id").gt(after));
        query.fields().include("_id");
        query.with(Sort.by("_id")).limit(limit);
        return mongo.find(query, Document.class, collection).stream().map(d -> d.getString("_id")).toList();
    }
}
