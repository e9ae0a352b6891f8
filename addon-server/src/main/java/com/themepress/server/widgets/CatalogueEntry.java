package com.themepress.server.widgets;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.WidgetSpec;

import tools.jackson.databind.JsonNode;

/** One widget in the public catalogue, with the URL that renders it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CatalogueEntry(String addon, String version, @Nullable String addonCategory, String name,
        @Nullable String displayName, @Nullable String description, @Nullable String category,
        @Nullable String previewImage, boolean responsive, JsonNode configSchema, String renderUrl) {

    static CatalogueEntry of(AddonManifest manifest, WidgetSpec widget) {
        return new CatalogueEntry(manifest.name(), manifest.version(), manifest.category(), widget.name(),
                widget.displayName(), widget.description(), widget.category(), widget.previewImage(),
                widget.responsive(), widget.configSchema(), "/api/widgets/" + manifest.name() + "/" + widget.name());
    }
}
