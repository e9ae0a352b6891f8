package com.themepress.renderer.render;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.CacheScope;
import com.themepress.model.schema.JsonSchemaCheck;
import com.themepress.runtimeclient.RuntimeTarget;

import tools.jackson.databind.JsonNode;

/**
 * A widget as the addon-server resolved it: the addon's current version, the widget's configSchema
 * (compiled once), where its renders go in the runtime (with the deployment spec to PUT when the
 * runtime does not know the version, and the addon's timeout), the site's saved config and the
 * widget's cache scope.
 */
record ResolvedWidget(String addon, String version, String widget, JsonNode configSchema, JsonSchemaCheck check,
        RuntimeTarget target, @Nullable JsonNode savedConfig, CacheScope scope, boolean pageScript) {

    /** The same widget with a site's saved config; the schema, its compiled check and the target are shared. */
    ResolvedWidget withSavedConfig(@Nullable JsonNode config, boolean sitePageScript) {
        return new ResolvedWidget(addon, version, widget, configSchema, check, target, config, scope, sitePageScript);
    }
}
