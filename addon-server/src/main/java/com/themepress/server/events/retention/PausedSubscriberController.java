package com.themepress.server.events.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.names.Names;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.events.EventBusProblems;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.GroupInfo;
import com.themepress.server.events.streams.PausedSubscribers.Paused;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;

import io.lettuce.core.RedisException;

/**
 * Paused subscribers (admin key): {@code GET /api/events/subscribers/paused} lists them with their
 * backlog, {@code POST /api/events/subscribers/{addon}/resume} resumes one.
 */
@RestController
@RequestMapping("/api/events/subscribers")
class PausedSubscriberController {

    /** @param backlogAtPause unread, pending and retrying events when it was paused */
    record PausedView(String addon, Instant pausedAt, long backlogAtPause) {
    }

    private final ApiKeys keys;
    private final EventStreams streams;

    PausedSubscriberController(ApiKeys keys, EventStreams streams) {
        this.keys = keys;
        this.streams = streams;
    }

    @GetMapping("/paused")
    List<PausedView> paused(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key) {
        requireAdmin(key);
        try {
            List<PausedView> views = new ArrayList<>();
            for (Map.Entry<String, Paused> paused : streams.paused().all().entrySet()) {
                views.add(new PausedView(paused.getKey(), Instant.ofEpochMilli(paused.getValue().sinceMillis()),
                        paused.getValue().backlog()));
            }
            return views;
        } catch (RedisException e) {
            throw EventBusProblems.unavailable();
        }
    }

    @PostMapping("/{addon}/resume")
    PausedView resume(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String addon) {
        requireAdmin(key);
        if (!Names.ADDON.matches(addon)) {
            throw new PlatformException(ProblemType.NOT_FOUND, "No paused subscriber with that name.");
        }
        try {
            Paused paused = streams.paused().all().get(addon);
            if (paused == null || !streams.paused().resume(addon, backlog(addon))) {
                throw new PlatformException(ProblemType.NOT_FOUND, "Subscriber " + addon + " is not paused.");
            }
            return new PausedView(addon, Instant.ofEpochMilli(paused.sinceMillis()), paused.backlog());
        } catch (RedisException e) {
            throw EventBusProblems.unavailable();
        }
    }

    private long backlog(String addon) {
        for (GroupInfo group : streams.groups()) {
            if (group.addon().equals(addon)) {
                return (group.lag() == null ? 0 : group.lag()) + group.pending() + streams.retries().count(addon);
            }
        }
        return 0;
    }

    private void requireAdmin(@Nullable String key) {
        if (!keys.authenticate(key).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Pausing and resuming subscribers needs the admin key.");
        }
    }
}
