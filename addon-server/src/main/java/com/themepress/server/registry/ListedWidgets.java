package com.themepress.server.registry;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The widgets of one addon's current version, as the widget catalogue lists them. */
public record ListedWidgets(String addon, String version, @Nullable String addonCategory, List<WidgetSummary> widgets) {
}
