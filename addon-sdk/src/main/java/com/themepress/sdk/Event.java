package com.themepress.sdk;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * An event delivered to a subscribing addon (CloudEvents attribute names). Delivery is
 * at-least-once, so a handler may see the same {@code id} twice and should be idempotent.
 *
 * @param id     unique per event; the key for de-duplicating redeliveries
 * @param type   e.g. {@code payment.completed}
 * @param source the addon that published it
 * @param time   when it was published, RFC 3339 as sent
 * @param site   the site it happened on, when it belongs to one
 * @param data   the payload (an empty object when none was sent)
 * @param host   the host API for this delivery, for the event's site
 */
public record Event(String id, String type, @Nullable String source, @Nullable String time, @Nullable String site,
        JsonNode data, HostApi host) {

    /** An event without a host API (tests that need none). */
    public Event(String id, String type, @Nullable String source, @Nullable String time, @Nullable String site, JsonNode data) {
        this(id, type, source, time, site, data, HostApi.none());
    }

    /** This addon's documents on the event's site. */
    public Storage storage() {
        return host.storage();
    }

    /** Publishing events from the event's site. */
    public Events events() {
        return host.events();
    }
}
