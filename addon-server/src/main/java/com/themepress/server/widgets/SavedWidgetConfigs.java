package com.themepress.server.widgets;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The one seam through which a site's saved widget config reaches rendering. The installations
 * work supplies the real lookup (a {@code @Primary} bean, or in place of {@link NoSavedWidgetConfigs});
 * when a site's config changes it must broadcast the addon's name on
 * {@link com.themepress.model.cluster.BroadcastChannels#REGISTRY_CHANGES}, so that every renderer drops what it cached for that addon.
 */
public interface SavedWidgetConfigs {

    /** The config a site saved for this widget, if the site has the addon installed and configured. */
    Optional<JsonNode> find(String site, String addon, String widget);

    /** Whether the site has the addon installed: a site's page gets only its installed addons' widgets. */
    default boolean isInstalled(String site, String addon) {
        return true;
    }

    /** The version installed on the site, when it is not simply the addon's current one (empty: render the current). */
    default Optional<String> installedVersion(String site, String addon) {
        return Optional.empty();
    }

    /** Whether the site granted the addon {@code page.script}: its widget script runs in the site's pages, not in a sandboxed frame. */
    default boolean pageScript(String site, String addon) {
        return false;
    }
}
