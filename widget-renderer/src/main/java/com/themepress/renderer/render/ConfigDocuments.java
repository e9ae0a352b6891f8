package com.themepress.renderer.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Config documents: merging a preview over saved config, filling schema defaults, hashing canonically. */
final class ConfigDocuments {

    private static final int MAX_DEPTH = 32;

    private ConfigDocuments() {
    }

    /** RFC 7386 JSON Merge Patch: {@code patch} over {@code target}; null members delete. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : StrictJson.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                JsonNode current = result.get(member.getKey());
                result.set(member.getKey(), merge(current == null ? StrictJson.mapper().createObjectNode() : current, member.getValue()));
            }
        }
        return result;
    }

    /**
     * The document with the schema's defaults filled in where a property is absent: the
     * {@code default} of each {@code properties} member, recursively into objects present (or just
     * defaulted), and through {@code allOf}. Defaults behind {@code $ref} or conditionals are not applied.
     */
    static JsonNode withDefaults(JsonNode schema, JsonNode document) {
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

    /** SHA-256 (first 128 bits, hex) of the document with object members sorted, plus {@code extra}. */
    static String hash(JsonNode document, String extra) {
        StringBuilder canonical = new StringBuilder(256);
        canonical(document, canonical, 0);
        canonical.append('\n').append(extra);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void canonical(JsonNode node, StringBuilder out, int depth) {
        if (node.isObject() && depth < 64) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : sorted.entrySet()) {
                out.append(first ? "" : ",").append(StrictJson.mapper().writeValueAsString(member.getKey())).append(':');
                canonical(member.getValue(), out, depth + 1);
                first = false;
            }
            out.append('}');
        } else if (node.isArray() && depth < 64) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out, depth + 1);
            }
            out.append(']');
        } else {
            out.append(StrictJson.mapper().writeValueAsString(node));
        }
    }
}
