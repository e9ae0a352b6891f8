package com.themepress.server.widgets;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.server.registry.ListedWidgets;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.registry.WidgetSummary;

/**
 * The public widget catalogue: every widget of every addon's current version, in addon and widget
 * order. It pages through the summaries the registry stored at registration and keeps in its
 * in-memory index, so a request parses no manifest and holds no more than one page; it is current
 * as soon as the registry is.
 */
@Component
class WidgetCatalogue {

    private final RegistryService registry;

    WidgetCatalogue(RegistryService registry) {
        this.registry = registry;
    }

    /** One page of the widgets in {@code category} (all when null), with the total that match. */
    WidgetPage page(@Nullable String category, int page, int size) {
        long offset = (long) page * size;
        List<CatalogueEntry> items = new ArrayList<>(size);
        long total = 0;
        for (ListedWidgets addon : registry.listedWidgets()) {
            for (WidgetSummary widget : addon.widgets()) {
                if (category != null && !category.equals(widget.category())) {
                    continue;
                }
                if (total >= offset && items.size() < size) {
                    items.add(CatalogueEntry.of(addon, widget));
                }
                total++;
            }
        }
        return new WidgetPage(List.copyOf(items), page, size, total);
    }

    record WidgetPage(List<CatalogueEntry> items, int page, int size, long total) {
    }
}
