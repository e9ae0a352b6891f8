package com.themepress.sdk;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * An event an endpoint asks the platform to publish. It travels in the answer's top-level
 * {@code events} array; the platform strips it and publishes only the types the manifest declares
 * and the installation permits, so an addon cannot publish what it did not announce.
 *
 * @param type a concrete event type such as {@code payment.completed} (no wildcards)
 * @param data the event's payload
 */
public record EmittedEvent(String type, JsonNode data) {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$");

    public EmittedEvent {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("event type '" + type + "' must be dot-separated lowercase slugs, e.g. payment.completed");
        }
    }
}
