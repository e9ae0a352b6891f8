package com.themepress.sdk;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Who this container is, as the platform told it through the environment: {@code ADDON_NAME},
 * {@code ADDON_VERSION}, {@code INSTANCE_ID} and {@code ADDON_CONFIG} (a JSON object).
 *
 * @param name     the addon's name; the builder's name when the platform gave none (local runs)
 * @param version  the addon's version, likewise
 * @param instanceId the platform's id for this container; the host name or a random id locally
 * @param config   the addon-level configuration; an empty object when none was given
 */
public record AddonInfo(String name, String version, String instanceId, JsonNode config) {

    /**
     * Reads the environment ({@code System.getenv()} in a container), e.g. to seed state from
     * {@code ADDON_CONFIG} before building the addon. A malformed {@code ADDON_CONFIG} stops the
     * start: an addon that runs on a configuration it could not read fails later and less clearly.
     */
    public static AddonInfo from(Map<String, String> env, String fallbackName, String fallbackVersion) {
        return new AddonInfo(
                nonBlank(env.get("ADDON_NAME"), fallbackName),
                nonBlank(env.get("ADDON_VERSION"), fallbackVersion),
                nonBlank(env.get("INSTANCE_ID"), nonBlank(env.get("HOSTNAME"), "local-" + shortId())),
                config(env.get("ADDON_CONFIG")));
    }

    private static JsonNode config(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode config = Json.parse(text);
            if (!config.isObject()) {
                throw new IllegalStateException("ADDON_CONFIG must be a JSON object, got " + config.getNodeType());
            }
            return config;
        } catch (JacksonException e) {
            throw new IllegalStateException("ADDON_CONFIG is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String nonBlank(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
