package com.themepress.renderer.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.themepress.model.schema.SchemaDefaults;
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

    /** The document with the schema's defaults filled in ({@link SchemaDefaults}). */
    static JsonNode withDefaults(JsonNode schema, JsonNode document) {
        return SchemaDefaults.fill(schema, document);
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
