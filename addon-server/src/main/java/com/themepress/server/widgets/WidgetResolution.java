package com.themepress.server.widgets;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.model.manifest.WidgetSpec;
import com.themepress.runtimeclient.DeploymentRequest;

import tools.jackson.databind.JsonNode;

/**
 * What the renderer needs to render a widget it has not cached: the addon's current version, the
 * widget spec (configSchema included), how to deploy that version, and the site's saved config.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WidgetResolution(String addon, String version, WidgetSpec widget, DeploymentRequest deployment,
        @Nullable String site, @Nullable JsonNode savedConfig, boolean pageScript) {
}
