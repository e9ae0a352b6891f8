package com.themepress.server.events.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One delivery about to run: {@code attempts} failed before it.
 *
 * @param id     the stream entry id, which also names its retry
 * @param event  the envelope as JSON text
 * @param replay a replayed dead letter
 */
record Pending(String id, String event, int attempts, @Nullable Instant firstFailedAt, boolean replay, Origin origin) {

    /** Where the entry came from, which decides how it is settled. */
    enum Origin {
        /** Read from the group: acknowledged in the stream. */
        NEW,
        /** Taken over from another consumer, or read back after an outage: acknowledged in the stream. */
        RECLAIMED,
        /** A due retry: finished in the retry schedule. */
        RETRY
    }

    static Pending fresh(String id, String event, Origin origin) {
        return new Pending(id, event, 0, null, false, origin);
    }
}
