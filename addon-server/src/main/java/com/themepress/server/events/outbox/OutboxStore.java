package com.themepress.server.events.outbox;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The {@code event_outbox} collection. It holds only calls whose events wait for Redis, so it is
 * small except during an outage, and is read in {@code seq} order (indexed on a real MongoDB).
 */
final class OutboxStore {

    /** The fields a start-up scan needs, not the events or answers. */
    record Head(String id, String source, long seq) {
    }

    private final MongoTemplate mongo;

    OutboxStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(OutboxEntry.class).createIndex(new Index().on("seq", Sort.Direction.ASC).named("seq"));
    }

    void insert(OutboxEntry entry) {
        mongo.insert(entry);
    }

    Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OutboxEntry.class));
    }

    /** The oldest {@code limit} entries, oldest first. */
    List<OutboxEntry> oldestFirst(int limit) {
        return mongo.find(new Query().with(Sort.by("seq")).limit(limit), OutboxEntry.class);
    }

    /** Every entry's source and place in order, {@code batch} at a time, after {@code afterSeq}. */
    List<Head> heads(long afterSeq, int batch) {
        Query query = Query.query(Criteria.where("seq").gt(afterSeq)).with(Sort.by("seq")).limit(batch);
        query.fields().include("source").include("seq");
        return mongo.find(query, Head.class, "event_outbox");
    }

    void delete(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), OutboxEntry.class);
    }

    long count() {
        return mongo.count(new Query(), OutboxEntry.class);
    }
}
