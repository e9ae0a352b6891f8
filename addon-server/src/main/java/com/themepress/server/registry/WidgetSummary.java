package com.themepress.server.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.WidgetSpec;

/**
 * What the widget catalogue shows of one widget, stored with its version at registration so that
 * browsing widgets never parses a manifest. Every field is bounded by the manifest schema; the
 * configSchema is left out (it is in the version's manifest), so a summary stays a few hundred bytes.
 */
public record WidgetSummary(String name, String displayName, @Nullable String description, String category,
        @Nullable String previewImage, boolean responsive) {

    static WidgetSummary of(WidgetSpec widget) {
        return new WidgetSummary(widget.name(), widget.displayName(), widget.description(), widget.category(),
                widget.previewImage(), widget.responsive());
    }

    static List<WidgetSummary> of(AddonManifest manifest) {
        return manifest.widgets().stream().map(WidgetSummary::of).sorted(java.util.Comparator.comparing(WidgetSummary::name)).toList();
    }
}
