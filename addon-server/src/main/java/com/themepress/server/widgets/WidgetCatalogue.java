package com.themepress.server.widgets;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.server.registry.CataloguePage;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.registry.WidgetRow;

/**
 * The public widget catalogue: every widget of every addon's current version, in addon and widget
 * order. It pages through the summaries the registry stored at registration and keeps in its
 * in-memory index, per widget category, so a request parses no manifest, reads no store and holds no
 * more than one page; it is current as soon as the registry is.
 */
@Component
class WidgetCatalogue {

    private final RegistryService registry;

    WidgetCatalogue(RegistryService registry) {
        this.registry = registry;
    }

    /** One page of the widgets in {@code category} (all when null), with the total that match. */
    WidgetPage page(@Nullable String category, int page, int size) {
        CataloguePage<WidgetRow> rows = registry.widgetPage(category, page, size);
        return new WidgetPage(rows.items().stream().map(row -> CatalogueEntry.of(row.addon(), row.widget())).toList(),
                page, size, rows.total());
    }

    record WidgetPage(List<CatalogueEntry> items, int page, int size, long total) {
    }
}
