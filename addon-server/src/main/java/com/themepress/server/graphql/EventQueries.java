package com.themepress.server.graphql;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import com.themepress.server.events.publishing.EventLogReads;

/** {@code eventLog}: {@code GET /api/events} for the admin key, same filters, same checks. */
@Controller
class EventQueries {

    private final EventLogReads log;

    EventQueries(EventLogReads log) {
        this.log = log;
    }

    @QueryMapping
    EventLogReads.Page eventLog(@Argument @Nullable String type, @Argument @Nullable String source, @Argument @Nullable String site,
            @Argument @Nullable String from, @Argument @Nullable String to, @Argument @Nullable String before, @Argument int size,
            @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key) {
        return log.read(key, type, source, site, from, to, before, Integer.toString(size));
    }
}
