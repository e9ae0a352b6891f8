package com.themepress.model.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON Schema that an addon ships (a widget's configSchema, an endpoint's inputSchema)
 * before it is stored: it must be a valid 2020-12 schema and self-contained. References that
 * leave the document are refused, because following them would make the platform fetch URLs
 * chosen by an addon developer. Its regular expressions must compile on {@link LinearRegex}. Size
 * is not judged here: see {@link SchemaLimits}, which callers apply first.
 */
public final class SchemaDocumentCheck {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final Schema META_SCHEMA = SchemaRegistries.DRAFT_2020_12.getSchema(SchemaLocation.of(DIALECT));

    private SchemaDocumentCheck() {
    }

    /** Problems with {@code schema}, with pointers prefixed by {@code base}; empty when usable. */
    public static List<FieldError> check(JsonNode schema, String base) {
        List<FieldError> errors = new ArrayList<>();
        findForeignReferences(schema, base, errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        META_SCHEMA.validate(schema).forEach(e ->
                errors.add(new FieldError(base + JsonPointers.of(e.getInstanceLocation()), e.getMessage())));
        if (!errors.isEmpty()) {
            return errors;
        }
        SchemaPatterns.check(schema, base, errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        ReferenceLoops.find(schema).ifPresent(loop -> errors.add(new FieldError(base + loop.get(0),
                "$ref chain loops without consuming input (" + String.join(" -> ", loop.stream().map(p -> "#" + p).toList())
                        + "); validation would never end")));
        if (errors.isEmpty()) {
            try {
                SchemaRegistries.DRAFT_2020_12.getSchema(schema);
            } catch (RuntimeException | StackOverflowError e) {
                errors.add(new FieldError(base, "schema cannot be compiled: " + e.getMessage()));
            }
        }
        return errors;
    }

    private static boolean isLocalPointer(String ref) {
        // Percent-encoding would hide a pointer from the loop check, so only plain pointers are accepted.
        return ("#".equals(ref) || ref.startsWith("#/")) && ref.indexOf('%') < 0;
    }

    private static void findForeignReferences(JsonNode node, String pointer, List<FieldError> errors) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                String child = pointer + "/" + JsonPointers.escape(key);
                if ("$ref".equals(key) && value.isString() && !isLocalPointer(value.asString())) {
                    errors.add(new FieldError(child, "only JSON-pointer references inside the schema ('#' or '#/...') are allowed"));
                } else if (("$dynamicRef".equals(key) || "$recursiveRef".equals(key)) && value.isString()) {
                    errors.add(new FieldError(child, key + " is not supported in addon schemas; use $ref"));
                } else if ("$schema".equals(key) && value.isString() && !DIALECT.equals(value.asString())) {
                    errors.add(new FieldError(child, "must be " + DIALECT + " (JSON Schema 2020-12)"));
                } else if ("$id".equals(key) && value.isString()) {
                    errors.add(new FieldError(child, "must not be set; the platform identifies the schema"));
                } else {
                    findForeignReferences(value, child, errors);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findForeignReferences(node.get(i), pointer + "/" + i, errors);
            }
        }
    }
}
