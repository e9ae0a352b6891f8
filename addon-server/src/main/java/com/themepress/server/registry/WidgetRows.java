package com.themepress.server.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The widget catalogue's rows: every widget of every listed addon that has widgets, in addon and widget
 * order, in all and per widget category. A page walks to its offset in one sorted map, and holds no
 * more than one page. Not thread-safe: {@link CatalogueIndex} guards it.
 */
final class WidgetRows {

    private final TreeMap<String, WidgetRow> all = new TreeMap<>();
    private final Map<String, TreeMap<String, WidgetRow>> byCategory = new HashMap<>();
    private final TreeMap<String, ListedWidgets> byAddon = new TreeMap<>();

    void put(ListedWidgets addon) {
        remove(addon.addon());
        byAddon.put(addon.addon(), addon);
        for (WidgetSummary widget : addon.widgets()) {
            WidgetRow row = new WidgetRow(addon, widget);
            all.put(key(addon.addon(), widget.name()), row);
            if (widget.category() != null) {
                byCategory.computeIfAbsent(widget.category(), c -> new TreeMap<>()).put(key(addon.addon(), widget.name()), row);
            }
        }
    }

    void remove(String addon) {
        ListedWidgets previous = byAddon.remove(addon);
        if (previous == null) {
            return;
        }
        for (WidgetSummary widget : previous.widgets()) {
            all.remove(key(addon, widget.name()));
            TreeMap<String, WidgetRow> group = widget.category() == null ? null : byCategory.get(widget.category());
            if (group != null) {
                group.remove(key(addon, widget.name()));
            }
        }
    }

    CataloguePage<WidgetRow> page(@Nullable String category, int page, int size) {
        TreeMap<String, WidgetRow> source = category == null ? all : byCategory.getOrDefault(category, new TreeMap<>());
        long offset = (long) page * size;
        List<WidgetRow> items = new ArrayList<>(Math.min(size, source.size()));
        if (offset < source.size()) {
            long skipped = 0;
            for (WidgetRow row : source.values()) {
                if (skipped++ < offset) {
                    continue;
                }
                items.add(row);
                if (items.size() == size) {
                    break;
                }
            }
        }
        return new CataloguePage<>(List.copyOf(items), page, size, source.size());
    }

    List<ListedWidgets> addons() {
        return List.copyOf(byAddon.values());
    }

    /** Addon and widget names, with a separator that sorts before any name character. */
    private static String key(String addon, String widget) {
        return addon + '\u0000' + widget;
    }
}
