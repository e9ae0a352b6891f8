package com.themepress.server.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as subscribers receive it and the log shows it (spec section 7), with CloudEvents
 * attribute names: {@code site} is an extension attribute and absent for events not tied to a site.
 */
public record EventEnvelope(String id, String type, String source, Instant time, @Nullable String site, JsonNode data) {

    static final String SPEC_VERSION = "1.0";

    /** The JSON document delivered to subscribers: a structured-mode CloudEvent. */
    public ObjectNode toJson() {
        ObjectNode json = StrictJson.mapper().createObjectNode();
        json.put("specversion", SPEC_VERSION);
        json.put("id", id);
        json.put("type", type);
        json.put("source", source);
        json.put("time", time.toString());
        if (site != null) {
            json.put("site", site);
        }
        json.set("data", data);
        return json;
    }

    public String toJsonText() {
        return StrictJson.mapper().writeValueAsString(toJson());
    }

    public static EventEnvelope fromJson(String text) {
        JsonNode json = StrictJson.mapper().readTree(text);
        return new EventEnvelope(json.path("id").asString(), json.path("type").asString(), json.path("source").asString(),
                Instant.parse(json.path("time").asString()), json.path("site").isString() ? json.get("site").asString() : null,
                json.path("data"));
    }
}
