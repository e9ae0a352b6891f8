package com.themepress.server.registry;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.schema.StrictJson;

import tools.jackson.core.JacksonException;

/**
 * The widget summaries of an addon's current version. Registration stores them on the addon
 * document; a document stored before that has none, and its summaries are derived once from the
 * version's manifest when the catalogue index first reads it, then kept with the index entry (never
 * per request).
 */
@Component
class StoredWidgets {

    private final RegistryStore store;

    StoredWidgets(RegistryStore store) {
        this.store = store;
    }

    List<WidgetSummary> of(AddonDocument addon, @Nullable ListedAddon previous) {
        if (addon.widgets() != null || addon.latestVersion() == null) {
            return addon.widgets() == null ? List.of() : addon.widgets();
        }
        if (previous != null && Objects.equals(previous.latestVersion(), addon.latestVersion())) {
            return previous.widgets() == null ? List.of() : previous.widgets().widgets();
        }
        try {
            return store.version(addon.name(), addon.latestVersion())
                    .map(version -> WidgetSummary.of(StrictJson.mapper().readValue(version.manifest(), AddonManifest.class)))
                    .orElse(List.of());
        } catch (JacksonException e) {
            return List.of();
        }
    }
}
