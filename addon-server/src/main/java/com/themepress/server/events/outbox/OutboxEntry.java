package com.themepress.server.events.outbox;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.themepress.server.events.streams.StreamEntry;
import com.themepress.server.execute.CallAnswer;

/**
 * One execute call whose events are not published yet: the events with their ids fixed, and for a
 * call made under an {@code Idempotency-Key} the answer its repeats get. {@code seq} orders a
 * source's calls as this replica answered them.
 */
@Document("event_outbox")
record OutboxEntry(@Id String id, String source, long seq, List<StreamEntry> events, @Nullable CallAnswer answer,
        Instant createdAt) {
}
