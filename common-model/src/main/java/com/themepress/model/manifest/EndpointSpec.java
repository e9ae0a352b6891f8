package com.themepress.model.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/** A callable action of an addon; {@code inputSchema} may be null when the manifest sets none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSpec(String name, String description, JsonNode inputSchema, @JsonProperty("public") boolean isPublic) {
}
