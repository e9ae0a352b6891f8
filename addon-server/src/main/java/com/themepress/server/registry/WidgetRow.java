package com.themepress.server.registry;

/** One widget of one listed addon's current version: a row of the widget catalogue. */
public record WidgetRow(ListedWidgets addon, WidgetSummary widget) {
}
