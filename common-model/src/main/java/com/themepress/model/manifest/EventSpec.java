package com.themepress.model.manifest;

import java.util.List;

/**
 * Event type patterns an addon publishes, like {@code payment.completed} or {@code payment.*}, and
 * the subscriptions it receives through, each with the sources it accepts.
 */
public record EventSpec(List<String> publishes, List<EventSubscription> subscribes) {

    public static final EventSpec NONE = new EventSpec(List.of(), List.of());
}
