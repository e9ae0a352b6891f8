package com.themepress.server.events.delivery;

import java.time.Instant;

/** Where events go that a subscriber never acknowledged (MongoDB in the server, memory in tests). */
public interface DeadLetterSink {

    /** Stores (or, for the same addon and event, replaces) a dead letter; throws when it cannot, so nothing is dropped. */
    void store(DeadLetter letter);

    /** A replayed dead letter was delivered at last. */
    void replayDelivered(String addon, String eventId);

    /**
     * @param streamId the event's entry in the stream, which also names its retry
     * @param event    the envelope as delivered
     */
    record DeadLetter(String addon, String eventId, String streamId, String event, int attempts, String lastFailure,
            Instant firstFailedAt, Instant deadAt) {
    }
}
