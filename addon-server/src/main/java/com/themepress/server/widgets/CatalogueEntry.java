package com.themepress.server.widgets;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.server.registry.ListedWidgets;
import com.themepress.server.registry.WidgetSummary;

/**
 * One widget in the public catalogue, with the URL that renders it and the URL of its version, whose
 * manifest holds the widget's configSchema (left out here: a catalogue page stays small however large
 * the schemas are).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CatalogueEntry(String addon, String version, @Nullable String addonCategory, String name,
        @Nullable String displayName, @Nullable String description, @Nullable String category,
        @Nullable String previewImage, boolean responsive, String renderUrl, String versionUrl) {

    static CatalogueEntry of(ListedWidgets addon, WidgetSummary widget) {
        return new CatalogueEntry(addon.addon(), addon.version(), addon.addonCategory(), widget.name(),
                widget.displayName(), widget.description(), widget.category(), widget.previewImage(),
                widget.responsive(), "/api/widgets/" + addon.addon() + "/" + widget.name(),
                "/api/addons/" + addon.addon() + "/versions/" + addon.version());
    }
}
