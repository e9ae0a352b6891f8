package com.themepress.model.manifest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * A callable action of an addon; {@code inputSchema} may be null when the manifest sets none.
 * {@code permissions} are what a call of it needs on the calling site (each also requested at the
 * manifest's top level): a site that did not grant one gets 403 naming it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSpec(String name, String description, JsonNode inputSchema, @JsonProperty("public") boolean isPublic,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> permissions) {

    public EndpointSpec {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    public EndpointSpec(String name, String description, JsonNode inputSchema, boolean isPublic) {
        this(name, description, inputSchema, isPublic, List.of());
    }
}
