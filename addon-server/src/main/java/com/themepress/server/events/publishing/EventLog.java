package com.themepress.server.events.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.events.EventPattern;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamFields;

import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import tools.jackson.databind.JsonNode;

/**
 * The event log is the stream itself, newest first. Filters are applied while scanning, at most
 * {@code log-scan-limit} entries per request; {@code next} continues where a page (or the scan budget) ended.
 */
@Component
class EventLog {

    /** Envelope times come from each replica's clock, stream ids from Redis's: allow this much between them. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    record Filter(@Nullable EventPattern type, @Nullable String source, @Nullable String site, @Nullable Instant from,
            @Nullable Instant to) {

        boolean matches(Map<String, String> entry, EventEnvelope event) {
            return (type == null || type.matches(entry.getOrDefault(StreamFields.TYPE, "")))
                    && (source == null || source.equals(entry.get(StreamFields.SOURCE)))
                    && (site == null || site.equals(entry.get(StreamFields.SITE)))
                    && (from == null || !event.time().isBefore(from))
                    && (to == null || event.time().isBefore(to));
        }
    }

    /**
     * @param next    pass as {@code before} for the following page; null once the log's start was reached
     * @param scanned stream entries examined for this page
     */
    record Page(List<JsonNode> items, @Nullable String next, int scanned) {
    }

    private final EventStreams streams;
    private final EventProperties properties;

    EventLog(EventStreams streams, EventProperties properties) {
        this.streams = streams;
        this.properties = properties;
    }

    /** @throws RedisException when Redis cannot be read */
    Page read(Filter filter, @Nullable String before, int size) {
        String cursor = before;
        // Entries are appended in (about) envelope time order, so a scan for "from" can stop once it is
        // well past it. Envelope times are the replicas' clocks; stream ids are Redis's, and are not used.
        Instant stopBefore = filter.from() == null ? null : filter.from().minus(SKEW);
        List<JsonNode> items = new ArrayList<>();
        int scanned = 0;
        int chunk = Math.max(100, size * 4);
        while (items.size() < size && scanned < properties.logScanLimit()) {
            List<StreamMessage<String, String>> entries = streams.newestFirst(cursor, Math.min(chunk, properties.logScanLimit() - scanned));
            if (entries.isEmpty()) {
                return new Page(items, null, scanned);
            }
            for (StreamMessage<String, String> entry : entries) {
                scanned++;
                cursor = entry.getId();
                String json = entry.getBody().get(StreamFields.EVENT);
                if (json == null) {
                    continue;
                }
                EventEnvelope event = EventEnvelope.fromJson(json);
                if (stopBefore != null && event.time().isBefore(stopBefore)) {
                    return new Page(items, null, scanned);
                }
                if (filter.matches(entry.getBody(), event)) {
                    items.add(event.toJson());
                    if (items.size() == size) {
                        break;
                    }
                }
            }
        }
        return new Page(items, cursor, scanned);
    }
}
