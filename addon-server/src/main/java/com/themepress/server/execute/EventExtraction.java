package com.themepress.server.execute;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.server.permissions.EventPermissions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an execute answer (the addon's own 2xx or 4xx) into what the caller sees and the events the
 * addon asked to publish (spec section 6). Only events {@link EventPermissions} lets the addon publish (today: declared under
 * {@code events.publishes}, with {@code events.publish} requested) are kept; the rest are dropped and counted as refused.
 */
final class EventExtraction {

    record Split(JsonNode visible, List<EmittedEvent> accepted, List<String> refused) {
    }

    private EventExtraction() {
    }

    /** {@code site}: the site the call was made for (its events carry it), or null. */
    static Split split(AddonManifest manifest, @Nullable String site, JsonNode answer, EventPermissions permissions) {
        if (!(answer instanceof ObjectNode object) || !object.has("events")) {
            return new Split(answer, List.of(), List.of());
        }
        ObjectNode visible = object.deepCopy();
        JsonNode events = visible.remove("events");
        List<EmittedEvent> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (events != null && events.isArray()) {
            for (JsonNode event : events) {
                String type = event.path("type").isString() ? event.get("type").asString() : null;
                if (type == null) {
                    refused.add("(no type)");
                } else if (permissions.refusePublish(manifest, type, site).isEmpty()) {
                    accepted.add(new EmittedEvent(manifest.name(), type, site, event.path("data")));
                } else {
                    refused.add(type);
                }
            }
        }
        return new Split(visible, accepted, refused);
    }
}
