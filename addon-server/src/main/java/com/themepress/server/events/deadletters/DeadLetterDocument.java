package com.themepress.server.events.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event one subscriber never acknowledged. The id is {@code <addon>:<event id>}, so the same event
 * failing again for the same addon (after a replay, or redelivered after a crash) updates one record.
 * The envelope is kept as JSON text: subscriber data may hold keys MongoDB does not allow.
 *
 * @param status {@code dead}, {@code replayed} (queued again) or {@code delivered} (a replay succeeded)
 */
@Document("event_dead_letters")
record DeadLetterDocument(@Id String id, String addon, String eventId, String type, String source, @Nullable String site,
        String streamId, String event, int attempts, String lastFailure, Instant firstFailedAt, Instant deadAt,
        String status, int replays, @Nullable Instant replayedAt, @Nullable Instant deliveredAt) {

    static final String DEAD = "dead";
    static final String REPLAYED = "replayed";
    static final String DELIVERED = "delivered";

    static String idOf(String addon, String eventId) {
        return addon + ":" + eventId;
    }

    DeadLetterDocument replayed(Instant now) {
        return new DeadLetterDocument(id, addon, eventId, type, source, site, streamId, event, attempts, lastFailure,
                firstFailedAt, deadAt, REPLAYED, replays + 1, now, deliveredAt);
    }

    DeadLetterDocument delivered(Instant now) {
        return new DeadLetterDocument(id, addon, eventId, type, source, site, streamId, event, attempts, lastFailure,
                firstFailedAt, deadAt, DELIVERED, replays, replayedAt, now);
    }
}
