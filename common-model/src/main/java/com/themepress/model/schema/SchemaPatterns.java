package com.themepress.model.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * Finds the regular expressions of a schema ({@code pattern} values and {@code patternProperties}
 * names) that {@link LinearRegex} cannot compile, such as backreferences and lookaround. It follows
 * only the keywords whose values are subschemas, so that data ({@code const}, {@code enum},
 * {@code default}, {@code examples}) that merely looks like a schema is not judged.
 */
final class SchemaPatterns {

    private static final Set<String> SCHEMA_VALUED = Set.of("items", "contains", "not", "if", "then", "else",
            "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "propertyNames", "contentSchema");
    private static final Set<String> SCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions", "dependentSchemas");

    private SchemaPatterns() {
    }

    static void check(JsonNode schema, String pointer, List<FieldError> errors) {
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : schema.properties()) {
            String keyword = member.getKey();
            JsonNode value = member.getValue();
            String at = pointer + "/" + JsonPointers.escape(keyword);
            if ("pattern".equals(keyword) && value.isString()) {
                compile(value.asString(), at, errors);
            } else if ("patternProperties".equals(keyword) && value.isObject()) {
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    String propertyAt = at + "/" + JsonPointers.escape(property.getKey());
                    compile(property.getKey(), propertyAt, errors);
                    check(property.getValue(), propertyAt, errors);
                }
            } else if (SCHEMA_VALUED.contains(keyword)) {
                check(value, at, errors);
            } else if (SCHEMA_ARRAYS.contains(keyword) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), at + "/" + i, errors);
                }
            } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                value.properties().forEach(sub -> check(sub.getValue(), at + "/" + JsonPointers.escape(sub.getKey()), errors));
            }
        }
    }

    private static void compile(String regex, String pointer, List<FieldError> errors) {
        try {
            LinearRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(pointer, "pattern is not supported (" + e.getMessage()
                    + "); schema patterns run on a linear-time engine (RE2 syntax: no backreferences or lookaround)"));
        }
    }
}
