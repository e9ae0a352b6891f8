package com.themepress.server.execute;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where the events of an execute answer go once they passed the manifest and permission checks. The
 * event bus's outbox implements this ({@code com.themepress.server.events.outbox.ExecuteOutbox}).
 */
public interface EmittedEvents {

    /**
     * Records the call's events durably, with {@code answer} for a call made under an
     * {@code Idempotency-Key}, in one write; then publishes them, now or (while Redis is away) as
     * soon as it takes them, in order per source and each once. Returns once the record is on disk;
     * Redis being away is not the caller's failure.
     *
     * @param callId the call's id: for a keyed call the id of its record, so that its answer can be found
     */
    void commit(String callId, String source, List<EmittedEvent> events, @Nullable CallAnswer answer);

    /** The answer of a keyed call whose events are still waiting in the outbox. */
    Optional<CallAnswer> pendingAnswer(String callId);

    /**
     * Throws (503) when events could not be taken now, so execute refuses before the addon acts rather
     * than after. A check, not a reservation: the answer's events are kept even if the bound was
     * reached meanwhile.
     */
    default void requireRoom() {
    }
}
