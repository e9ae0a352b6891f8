package com.themepress.server.execute;

import java.util.List;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.JsonSchemaCheck;

import tools.jackson.databind.JsonNode;

/**
 * Checks a call's {@code data} against its endpoint's {@code inputSchema} before any container work,
 * with the JSON Schema machinery the registry and the renderer use. Compiling is the expensive part, so
 * each schema is compiled once per addon version and endpoint (versions are immutable) and kept in a
 * cache bounded in bytes: each weighs its estimated heap, from its JSON size.
 */
@Component
class InputSchemas {

    /** A compiled schema with the size of the JSON it came from, from which the cache estimates its weight. */
    private record Compiled(JsonSchemaCheck check, int sourceLength) {
    }

    private final Cache<String, Compiled> compiled;
    private final int maxErrors;

    InputSchemas(ExecuteProperties properties) {
        this.maxErrors = properties.maxInputErrors();
        this.compiled = Caffeine.newBuilder()
                .maximumWeight(properties.inputSchemaCache().toBytes())
                .<String, Compiled>weigher((key, schema) -> key.length() + JsonSchemaCheck.HEAP_PER_SOURCE_BYTE * schema.sourceLength())
                .build();
    }

    /** Held bytes, as weighed (after pending evictions ran). */
    long weightedSize() {
        compiled.cleanUp();
        return compiled.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Returns when {@code data} meets the endpoint's {@code inputSchema} (or it has none); else 400 naming each pointer. */
    void requireValid(AddonManifest addon, EndpointSpec endpoint, JsonNode data) {
        JsonNode schema = endpoint.inputSchema();
        if (schema == null || !schema.isObject()) {
            return;
        }
        String key = addon.name() + "@" + addon.version() + "/" + endpoint.name();
        List<FieldError> errors = compiled.get(key, k -> new Compiled(JsonSchemaCheck.of(schema), schema.toString().length()))
                .check().check(data);
        if (errors.isEmpty()) {
            return;
        }
        // Pointers name the place in the request body, where the data sits under /data.
        List<FieldError> atData = errors.stream().limit(maxErrors)
                .map(e -> new FieldError("/data" + e.pointer(), e.message())).toList();
        String more = errors.size() > atData.size() ? " (" + errors.size() + " problems, the first " + atData.size() + " listed)" : "";
        throw new PlatformException(ProblemType.INVALID_REQUEST, "The data breaks the inputSchema of endpoint '" + endpoint.name()
                + "' at " + atData.get(0).pointer() + ": " + atData.get(0).message() + more + ".", atData);
    }
}
