package com.themepress.model.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * How large a schema an addon may ship (a widget's configSchema, an endpoint's inputSchema). A parsed
 * and compiled schema takes over twenty times its JSON text on the heap, and every replica and renderer holds
 * compiled schemas, so these are checked at registration, before the schema is compiled.
 *
 * @param maxBytes      longest JSON text of one schema (compact UTF-8)
 * @param maxDepth      deepest nesting of objects and arrays inside one schema (the schema object is 1)
 * @param maxProperties most property names one schema declares, over every {@code properties} and
 *                      {@code patternProperties} object at any depth
 */
public record SchemaLimits(long maxBytes, int maxDepth, int maxProperties) {

    public static final String DEFAULT_MAX_SIZE = "64KB";
    public static final String DEFAULT_MAX_DEPTH = "32";
    public static final String DEFAULT_MAX_PROPERTIES = "1000";

    public static final SchemaLimits DEFAULTS = new SchemaLimits(DataSize.parse(DEFAULT_MAX_SIZE).toBytes(),
            Integer.parseInt(DEFAULT_MAX_DEPTH), Integer.parseInt(DEFAULT_MAX_PROPERTIES));

    /** One line per limit the schema at {@code pointer} breaks; empty when it keeps them all. */
    public List<FieldError> check(JsonNode schema, String pointer) {
        long bytes = StrictJson.mapper().writeValueAsString(schema).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            // Walking a tree this large would only confirm it is too large.
            return List.of(new FieldError(pointer, "schema is " + bytes + " bytes; at most " + maxBytes + " are allowed"));
        }
        Shape shape = new Shape();
        shape.measure(schema, 1);
        List<FieldError> errors = new java.util.ArrayList<>();
        if (shape.depth > maxDepth) {
            errors.add(new FieldError(pointer, "schema nests " + shape.depth + " levels deep; at most " + maxDepth + " are allowed"));
        }
        if (shape.properties > maxProperties) {
            errors.add(new FieldError(pointer, "schema declares " + shape.properties + " properties; at most " + maxProperties
                    + " are allowed"));
        }
        return List.copyOf(errors);
    }

    private static final class Shape {
        int depth;
        int properties;

        void measure(JsonNode node, int level) {
            if (!node.isContainer()) {
                return;
            }
            depth = Math.max(depth, level);
            if (node.isArray()) {
                node.forEach(item -> measure(item, level + 1));
                return;
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonNode value = member.getValue();
                if (("properties".equals(member.getKey()) || "patternProperties".equals(member.getKey())) && value.isObject()) {
                    properties += value.size();
                }
                measure(value, level + 1);
            }
        }
    }
}
