package com.themepress.server.events.delivery;

import java.time.Instant;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a scheduled retry carries in Redis: the envelope itself (so a trimmed stream cannot lose it),
 * how many attempts failed, since when, and whether it is a replayed dead letter.
 */
record RetryState(int attempts, Instant firstFailedAt, boolean replay, String event) {

    String encode() {
        ObjectNode json = StrictJson.mapper().createObjectNode();
        json.put("attempts", attempts);
        json.put("firstFailedAt", firstFailedAt.toEpochMilli());
        json.put("replay", replay);
        json.put("event", event);
        return StrictJson.mapper().writeValueAsString(json);
    }

    static RetryState decode(String text) {
        JsonNode json = StrictJson.mapper().readTree(text);
        return new RetryState(json.path("attempts").asInt(), Instant.ofEpochMilli(json.path("firstFailedAt").asLong()),
                json.path("replay").asBoolean(), json.path("event").asString());
    }
}
