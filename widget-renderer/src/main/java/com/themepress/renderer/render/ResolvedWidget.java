package com.themepress.renderer.render;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.JsonSchemaCheck;

import tools.jackson.databind.JsonNode;

/**
 * A widget as the addon-server resolved it: the addon's current version, the widget's configSchema
 * (compiled once), the deployment spec to PUT when the runtime does not know the version, the
 * addon's timeout and the site's saved config.
 */
record ResolvedWidget(String addon, String version, String widget, JsonNode configSchema, JsonSchemaCheck check,
        byte[] deployment, int timeoutMs, @Nullable JsonNode savedConfig) {
}
