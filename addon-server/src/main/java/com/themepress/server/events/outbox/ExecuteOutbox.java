package com.themepress.server.events.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.events.publishing.EventPublisher;
import com.themepress.server.events.retention.BacklogGate;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamEntry;
import com.themepress.server.execute.CallAnswer;
import com.themepress.server.execute.EmittedEvent;
import com.themepress.server.execute.EmittedEvents;

import io.lettuce.core.RedisException;

/**
 * Execute's events go through here: written to the outbox with the call's answer in one write, then
 * published by the {@link OutboxRelay}. The caller is answered once the write is on disk, so an
 * addon's effect is never reported as failed because Redis was away.
 */
final class ExecuteOutbox implements EmittedEvents {

    private static final Logger log = LoggerFactory.getLogger(ExecuteOutbox.class);

    private final OutboxStore store;
    private final OutboxRelay relay;
    private final EventPublisher publisher;
    private final EventStreams streams;
    private final BacklogGate gate;
    private final OutboxProperties properties;
    private final OutboxSequence sequence;
    private final Clock clock;
    private final AtomicLong depth;

    ExecuteOutbox(OutboxStore store, OutboxRelay relay, EventPublisher publisher, EventStreams streams, BacklogGate gate,
            OutboxProperties properties, Clock clock, AtomicLong depth) {
        this.store = store;
        this.relay = relay;
        this.publisher = publisher;
        this.streams = streams;
        this.gate = gate;
        this.properties = properties;
        this.sequence = new OutboxSequence(clock);
        this.clock = clock;
        this.depth = depth;
    }

    @Override
    public void commit(String callId, String source, List<EmittedEvent> events, @Nullable CallAnswer answer) {
        List<StreamEntry> entries = events.stream().map(publisher::prepare).flatMap(Optional::stream).toList();
        if (entries.isEmpty() && answer == null) {
            return;
        }
        OutboxEntry entry = new OutboxEntry(callId, source, sequence.next(), entries, answer, clock.instant());
        try {
            store.insert(entry);
        } catch (DataAccessException e) {
            publishWithoutOutbox(entry, e);
            return;
        }
        relay.committed(entry);
    }

    /**
     * The store refused the write: publishing straight away is all that is left. Redis refusing too
     * is a 503, as when both stores are down nothing can be promised.
     */
    private void publishWithoutOutbox(OutboxEntry entry, DataAccessException cause) {
        log.warn("The event outbox cannot be written ({}); publishing the events of call {} directly", cause.getMessage(), entry.id());
        try {
            streams.appendOnce(entry.events(), properties.keepMarks());
        } catch (RedisException e) {
            throw new PlatformException(ProblemType.UNAVAILABLE,
                    "Neither the store nor Redis takes the events of this call now; its effect may have happened.");
        }
    }

    @Override
    public Optional<CallAnswer> pendingAnswer(String callId) {
        return store.find(callId).map(OutboxEntry::answer);
    }

    /** 503 before the addon acts when the stream is at its bound, or when the outbox holds {@code max-entries} calls. */
    @Override
    public void requireRoom() {
        gate.requireRoom();
        if (depth.get() >= properties.maxEntries()) {
            PlatformException full = new PlatformException(ProblemType.UNAVAILABLE, "The events of " + depth.get()
                    + " earlier calls still wait for the event bus, the most the outbox holds; try again after the Retry-After seconds.");
            full.getHeaders().set("Retry-After", Long.toString(Math.max(1, properties.orphanAfter().toSeconds())));
            throw full;
        }
    }
}
