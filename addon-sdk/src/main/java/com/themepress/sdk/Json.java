package com.themepress.sdk;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK's one JSON mapper plus a few builders, so a handler can answer JSON without learning
 * Jackson. Parsing is strict (duplicate keys and trailing garbage are errors) because a body the
 * addon half-understands is worse than a clear 400. Decimals stay exact ({@code 19.90} is read as
 * that BigDecimal, not the nearest double, and keeps its trailing zero) because addons count money.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    /** The mapper the SDK reads requests and writes answers with; handlers may reuse it. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** An object from alternating keys and values: {@code Json.object("id", 7, "ok", true)}. */
    public static ObjectNode object(@Nullable Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Json.object takes key/value pairs, got an odd count");
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("Json.object key " + i / 2 + " is not a String");
            }
            node.set(key, tree(keysAndValues[i + 1]));
        }
        return node;
    }

    /** An array of the given values, each converted as {@link #tree(Object)} does. */
    public static ArrayNode array(@Nullable Object... values) {
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        for (Object value : values) {
            node.add(tree(value));
        }
        return node;
    }

    /** Any value (record, map, list, string, number, node, null) as a JSON tree. */
    public static JsonNode tree(@Nullable Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return MAPPER.valueToTree(value);
    }

    /** The JSON text of a value; handy for logs and tests. */
    public static String write(@Nullable Object value) {
        return MAPPER.writeValueAsString(tree(value));
    }

    /**
     * Builds the mapper and runs one read and one write, loading the classes every call needs.
     * Started in the background once the server listens, so that cost (the largest part of a
     * cold start) overlaps the platform's health polling instead of delaying the first call.
     */
    static void warmUp() {
        MAPPER.writeValueAsBytes(MAPPER.readTree("{\"warm\":[1,2.5,\"up\",true,null]}"));
        MAPPER.writeValueAsBytes(new Problem("about:blank", "warm", 200, "up"));
    }

    /** Parses JSON text; throws {@link tools.jackson.core.JacksonException} when it is not JSON. */
    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }
}
