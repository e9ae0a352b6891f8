package com.themepress.server.events.publishing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The event log for other faces of the API (GraphQL): {@code GET /api/events} with the same key and
 * query, through the controller's own method, so the admin check and the query's validation (with
 * the same pointers) are the REST ones.
 */
@Component
public class EventLogReads {

    private final EventController controller;

    EventLogReads(EventController controller) {
        this.controller = controller;
    }

    /** @param next pass as {@code before} for the following page; null at the log's start */
    public record Page(List<JsonNode> items, @Nullable String next) {
    }

    /** {@code size} as REST's query text, so a bad one gets the same 400. */
    public Page read(@Nullable String key, @Nullable String type, @Nullable String source, @Nullable String site, @Nullable String from,
            @Nullable String to, @Nullable String before, String size) {
        EventLog.Page page = controller.read(key, type, source, site, from, to, before, size);
        return new Page(page.items(), page.next());
    }
}
