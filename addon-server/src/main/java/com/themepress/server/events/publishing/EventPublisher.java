package com.themepress.server.events.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventMetrics;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.retention.BacklogGate;
import com.themepress.server.events.streams.BacklogFullException;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.StreamEntry;
import com.themepress.server.execute.EmittedEvent;

import io.lettuce.core.RedisException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a permitted event into an envelope (platform id and time) and appends it to the stream.
 * It returns only once Redis has the event, so an acknowledged publish is never lost with a live
 * Redis (and, with append-only persistence, not with a restarted one either).
 */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final EventStreams streams;
    private final EventProperties properties;
    private final Clock clock;
    private final EventMetrics metrics;
    private final BacklogGate gate;
    private static final long WARNING_INTERVAL_MILLIS = Duration.ofSeconds(10).toMillis();
    private volatile long lastWarning;

    public EventPublisher(EventStreams streams, EventProperties properties, Clock clock, EventMetrics metrics, BacklogGate gate) {
        this.streams = streams;
        this.gate = gate;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.lastWarning = clock.millis() - WARNING_INTERVAL_MILLIS - 1;
    }

    /**
     * Publishes an event whose sender was already checked; 413 when too large, 503 when Redis cannot
     * take it or the stream is at its bound.
     */
    public EventEnvelope publish(String type, String source, @Nullable String site, JsonNode data, String origin) {
        EventEnvelope event = envelope(type, source, site, data);
        String json = checkedJson(event, "/data");
        gate.requireMemory(1);
        try {
            streams.append(event, json, gate.maxEntries());
        } catch (BacklogFullException e) {
            throw gate.refused("entries", 1);
        } catch (RedisException e) {
            throw unavailable(e, type, source);
        }
        metrics.published(origin);
        return event;
    }

    /**
     * Publishes a batch whose senders were already checked, all or none: each event is checked for
     * size first, then the batch is appended in one Redis step.
     */
    List<EventEnvelope> publishAll(List<PublishRequest> requests, String origin) {
        List<EventEnvelope> events = new ArrayList<>(requests.size());
        List<String> jsons = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PublishRequest request = requests.get(i);
            EventEnvelope event = envelope(request.type(), request.source(), request.site(), request.data());
            jsons.add(checkedJson(event, "/" + i + "/data"));
            events.add(event);
        }
        gate.requireMemory(events.size());
        try {
            streams.appendAll(events, jsons, gate.maxEntries());
        } catch (BacklogFullException e) {
            throw gate.refused("entries", events.size());
        } catch (RedisException e) {
            throw unavailable(e, requests.get(0).type(), requests.get(0).source());
        }
        metrics.published(origin, events.size());
        return events;
    }

    private EventEnvelope envelope(String type, String source, @Nullable String site, JsonNode data) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, source, clock.instant(), site, data);
    }

    private String checkedJson(EventEnvelope event, String pointer) {
        String json = event.toJsonText();
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > properties.maxEventSize().toBytes()) {
            throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "The event is " + size + " bytes as JSON; the limit is "
                    + properties.maxEventSize().toBytes() + " bytes.", List.of(new FieldError(pointer, "too large")));
        }
        return json;
    }

    private PlatformException unavailable(RedisException e, String type, String source) {
        long now = clock.millis();
        if (now - lastWarning > WARNING_INTERVAL_MILLIS) {
            lastWarning = now;
            log.warn("Cannot publish events: Redis does not take them ({}); answering 503 (repeats logged at debug for 10 s)",
                    e.getMessage());
        } else {
            log.debug("Cannot publish {} from {}: {}", type, source, e.getMessage());
        }
        return new PlatformException(ProblemType.UNAVAILABLE,
                "The event bus cannot reach Redis, so the event was not published; try again shortly.");
    }

    /**
     * The stream entry of an event from an execute answer (already filtered by the addon's
     * permissions), its id and time fixed now. Empty for a malformed or oversized event: the addon's
     * fault, dropped with a warning.
     */
    public Optional<StreamEntry> prepare(EmittedEvent emitted) {
        if (!PublishRequest.isValidType(emitted.type())) {
            log.warn("Addon {} emitted an invalid event type '{}'; dropped", emitted.source(), emitted.type());
            return Optional.empty();
        }
        EventEnvelope event = envelope(emitted.type(), emitted.source(), emitted.site(), emitted.data());
        try {
            return Optional.of(new StreamEntry(event.id(), event.type(), event.source(), event.site(), checkedJson(event, "/data")));
        } catch (PlatformException e) {
            log.warn("Addon {} emitted a {} event over the size limit; dropped: {}", emitted.source(), emitted.type(),
                    e.getBody().getDetail());
            return Optional.empty();
        }
    }
}
