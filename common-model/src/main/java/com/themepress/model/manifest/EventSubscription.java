package com.themepress.model.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.themepress.model.events.EventPattern;

import tools.jackson.databind.JsonNode;

/**
 * One entry of a manifest's {@code events.subscribes}: a type pattern, and the addons whose events
 * of that type the subscriber accepts. Any addon may declare and publish any type, so a type alone
 * does not say who speaks: {@code {"type": "payment.completed", "from": ["payment-gateway"]}} accepts
 * only that publisher, while the plain string {@code "payment.*"} accepts every source.
 *
 * @param from the accepted sources (addon names); empty for the plain string form, which accepts any
 */
public record EventSubscription(String type, List<String> from) {

    public EventSubscription {
        from = List.copyOf(from);
    }

    public static EventSubscription anySource(String type) {
        return new EventSubscription(type, List.of());
    }

    public boolean matches(String eventType) {
        return new EventPattern(type).matches(eventType);
    }

    /** Whether an event published by {@code source} may reach the subscriber through this entry. */
    public boolean accepts(@Nullable String source) {
        return from.isEmpty() || source != null && from.contains(source);
    }

    /**
     * The form it was written in, so a stored manifest reads back through the parser, and shows
     * no empty {@code from} that the parser would refuse.
     */
    @JsonValue
    Object json() {
        if (from.isEmpty()) {
            return type;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", type);
        object.put("from", from);
        return object;
    }

    /** Reads either form from an already validated manifest (the parser's output, or one stored from it). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EventSubscription of(JsonNode json) {
        if (json.isString()) {
            return anySource(json.asString());
        }
        return new EventSubscription(json.path("type").asString(), json.path("from").valueStream().map(JsonNode::asString).toList());
    }
}
