package com.themepress.model.schema;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a JSON Schema's defaults into a document: the {@code default} of each {@code properties}
 * member that is absent, recursively into objects present (or just defaulted), and through
 * {@code allOf}. Defaults behind {@code $ref} or conditionals are not applied. Installing (the saved
 * config) and rendering (a preview) fill the same way.
 */
public final class SchemaDefaults {

    private static final int MAX_DEPTH = 32;

    private SchemaDefaults() {
    }

    /** A copy of {@code document} with the defaults filled in; a non-object is returned as it is. */
    public static JsonNode fill(JsonNode schema, JsonNode document) {
        if (!document.isObject() || !schema.isObject()) {
            return document;
        }
        ObjectNode result = ((ObjectNode) document).deepCopy();
        fill(schema, result, 0);
        return result;
    }

    private static void fill(JsonNode schema, ObjectNode target, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        JsonNode properties = schema.path("properties");
        if (properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                JsonNode sub = property.getValue();
                if (!target.has(property.getKey()) && sub.has("default")) {
                    target.set(property.getKey(), sub.get("default").deepCopy());
                }
                JsonNode value = target.get(property.getKey());
                if (value != null && value.isObject() && sub.isObject()) {
                    fill(sub, (ObjectNode) value, depth + 1);
                }
            }
        }
        for (JsonNode part : schema.path("allOf")) {
            fill(part, target, depth + 1);
        }
    }
}
