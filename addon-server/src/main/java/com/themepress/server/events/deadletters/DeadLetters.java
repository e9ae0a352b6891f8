package com.themepress.server.events.deadletters;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.delivery.DeadLetterSink;
import com.themepress.server.registry.CataloguePage;

import jakarta.annotation.PostConstruct;

/** The dead-letter store on MongoDB: written by the delivery engine, read and replayed through the API. */
@Repository
class DeadLetters implements DeadLetterSink {

    private final MongoTemplate mongo;
    private final Clock clock;

    DeadLetters(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @PostConstruct
    void ensureIndexes() {
        mongo.indexOps(DeadLetterDocument.class).createIndex(
                new Index().on("addon", Sort.Direction.ASC).on("deadAt", Sort.Direction.DESC).named("addon_deadAt"));
        mongo.indexOps(DeadLetterDocument.class).createIndex(new Index().on("deadAt", Sort.Direction.DESC).named("deadAt"));
    }

    @Override
    public void store(DeadLetter letter) {
        EventEnvelope event = EventEnvelope.fromJson(letter.event());
        String id = DeadLetterDocument.idOf(letter.addon(), letter.eventId());
        int replays = find(id).map(DeadLetterDocument::replays).orElse(0);
        mongo.save(new DeadLetterDocument(id, letter.addon(), letter.eventId(), event.type(), event.source(), event.site(),
                letter.streamId(), letter.event(), letter.attempts(), letter.lastFailure(), letter.firstFailedAt(),
                letter.deadAt(), DeadLetterDocument.DEAD, replays, null, null));
    }

    @Override
    public void replayDelivered(String addon, String eventId) {
        find(DeadLetterDocument.idOf(addon, eventId)).ifPresent(doc -> mongo.save(doc.delivered(clock.instant())));
    }

    Optional<DeadLetterDocument> find(String id) {
        return Optional.ofNullable(mongo.findById(id, DeadLetterDocument.class));
    }

    void save(DeadLetterDocument doc) {
        mongo.save(doc);
    }

    /**
     * Marks a dead letter replayed, only if it is still dead: of two replays racing (on one replica
     * or two), one wins and the other finds it taken, so the subscriber is not sent the event twice.
     */
    Optional<DeadLetterDocument> markReplayed(DeadLetterDocument doc) {
        DeadLetterDocument replayed = doc.replayed(clock.instant());
        Query stillDead = Query.query(Criteria.where("_id").is(doc.id()).and("status").is(DeadLetterDocument.DEAD));
        Update update = new Update().set("status", replayed.status()).set("replays", replayed.replays())
                .set("replayedAt", replayed.replayedAt());
        return mongo.updateFirst(stillDead, update, DeadLetterDocument.class).getModifiedCount() == 1
                ? Optional.of(replayed) : Optional.empty();
    }

    /** Removes dead letters that died before {@code cutoff}; answers how many. */
    long removeDeadBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("deadAt").lt(cutoff)), DeadLetterDocument.class).getDeletedCount();
    }

    /** Removes the oldest dead letters beyond {@code max}, at most {@code batch} of them; answers how many. */
    long removeOldestBeyond(long max, int batch) {
        long excess = mongo.count(new Query(), DeadLetterDocument.class) - max;
        if (excess <= 0) {
            return 0;
        }
        Query oldest = new Query().with(Sort.by(Sort.Direction.ASC, "deadAt").and(Sort.by("_id"))).limit((int) Math.min(excess, batch));
        oldest.fields().include("_id");
        // Ids only, as raw documents: a record cannot be made from a projection, and whole letters may be 64 KB each.
        List<Object> ids = mongo.find(oldest, Document.class, mongo.getCollectionName(DeadLetterDocument.class)).stream()
                .map(doc -> doc.get("_id")).toList();
        return ids.isEmpty() ? 0 : mongo.remove(Query.query(Criteria.where("_id").in(ids)), DeadLetterDocument.class).getDeletedCount();
    }

    CataloguePage<DeadLetterDocument> page(@Nullable String addon, @Nullable String type, @Nullable String status, int page, int size) {
        Criteria criteria = new Criteria();
        if (addon != null) {
            criteria = criteria.and("addon").is(addon);
        }
        if (type != null) {
            criteria = criteria.and("type").is(type);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, DeadLetterDocument.class);
        query.with(Sort.by(Sort.Direction.DESC, "deadAt").and(Sort.by("_id"))).skip((long) page * size).limit(size);
        return new CataloguePage<>(mongo.find(query, DeadLetterDocument.class), page, size, total);
    }
}
