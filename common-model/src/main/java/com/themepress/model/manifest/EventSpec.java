package com.themepress.model.manifest;

import java.util.List;

/** Event type patterns an addon publishes and subscribes to, like {@code payment.completed} or {@code payment.*}. */
public record EventSpec(List<String> publishes, List<String> subscribes) {

    public static final EventSpec NONE = new EventSpec(List.of(), List.of());
}
