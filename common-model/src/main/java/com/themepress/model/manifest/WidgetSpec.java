package com.themepress.model.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A widget an addon can render. {@code configSchema} is a JSON Schema 2020-12 document (an empty
 * object schema when the manifest gives none), {@code renderEndpoint} the container path to call,
 * {@code cacheScope} who may be served its cached renders ({@link CacheScope#PUBLIC} when not given).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetSpec(String name, String displayName, String description, String category,
        JsonNode configSchema, String renderEndpoint, String previewImage, boolean responsive, CacheScope cacheScope) {

    public WidgetSpec {
        if (cacheScope == null) { // a manifest stored before widgets declared a scope
            cacheScope = CacheScope.PUBLIC;
        }
    }
}
