package com.themepress.model.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;

/**
 * A compiled JSON Schema (2020-12) that reports violations as JSON pointers. Compiling is the
 * expensive part, so instances are meant to be built once and shared; validation is thread-safe.
 * Patterns run on {@link LinearRegex}, so checking a value takes time linear in its length.
 */
public final class JsonSchemaCheck {

    /**
     * Heap a parsed and compiled schema holds per byte of its JSON text, for caches that are bounded in
     * bytes. Measured on JDK 17 (retained heap after GC): 22 for a schema of eight string properties
     * (712 bytes) and for one of a thousand (87 KB); rounded up.
     */
    public static final int HEAP_PER_SOURCE_BYTE = 24;

    private static final java.util.Set<String> NAMES_A_PROPERTY =
            java.util.Set.of("required", "additionalProperties", "unevaluatedProperties", "dependentRequired");

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    public static JsonSchemaCheck fromClasspath(String resource) {
        try (InputStream in = JsonSchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new JsonSchemaCheck(SchemaRegistries.DRAFT_2020_12.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonSchemaCheck of(JsonNode schemaDocument) {
        return new JsonSchemaCheck(SchemaRegistries.DRAFT_2020_12.getSchema(schemaDocument));
    }

    /** Every violation, ordered by pointer so that answers are stable. Empty when valid. */
    public List<FieldError> check(JsonNode document) {
        List<Error> errors = schema.validate(document);
        if (errors.isEmpty()) {
            return List.of();
        }
        // oneOf branches repeat the same complaint; keep one of each.
        LinkedHashSet<FieldError> unique = new LinkedHashSet<>();
        for (Error error : errors) {
            unique.add(toFieldError(error));
        }
        List<FieldError> sorted = new ArrayList<>(unique);
        sorted.sort(Comparator.comparing(FieldError::pointer));
        return List.copyOf(sorted);
    }

    private static FieldError toFieldError(Error error) {
        String pointer = JsonPointers.of(error.getInstanceLocation());
        // For these keywords the validator reports the enclosing object; point at the property itself.
        if (NAMES_A_PROPERTY.contains(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + JsonPointers.escape(error.getProperty());
        }
        return new FieldError(pointer, error.getMessage());
    }
}
