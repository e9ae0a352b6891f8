package com.themepress.server.events.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.registry.RegistryService;

import io.lettuce.core.RedisException;

/**
 * Paused subscribers (admin key): {@code GET /api/events/subscribers/paused} lists them with their
 * backlog, {@code POST /api/events/subscribers/{addon}/resume} resumes one, and
 * {@code DELETE /api/events/subscribers/{addon}/group} drops the group of an addon that stopped subscribing.
 */
@RestController
@RequestMapping("/api/events/subscribers")
class PausedSubscriberController {

    private static final Logger log = LoggerFactory.getLogger(PausedSubscriberController.class);

    /** @param backlogAtPause unread, pending and retrying events when it was paused */
    record PausedView(String addon, Instant pausedAt, long backlogAtPause) {
    }

    private final ApiKeys keys;
    private final EventStreams streams;
    private final RegistryService registry;
    private final EventPermissions permissions;

    PausedSubscriberController(ApiKeys keys, EventStreams streams, RegistryService registry, EventPermissions permissions) {
        this.keys = keys;
        this.streams = streams;
        this.registry = registry;
        this.permissions = permissions;
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

    /**
     * Drops the group of an addon that no longer subscribes (withdrawn, or its latest manifest stopped
     * subscribing). Groups are otherwise kept, so a re-subscribing addon resumes where it stopped; but
     * a kept group holds back trimming, and so, in the end, publishing.
     */
    @DeleteMapping("/{addon}/group")
    ResponseEntity<Void> dropGroup(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String addon) {
        requireAdmin(key);
        if (!Names.ADDON.matches(addon)) {
            throw new PlatformException(ProblemType.NOT_FOUND, "No subscriber group with that name.");
        }
        if (stillSubscribes(addon)) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Addon " + addon + " still subscribes to events; its group holds "
                    + "events it has not settled. Resume it, or register a version without the subscription first.");
        }
        try {
            if (!streams.dropGroup(addon)) {
                throw new PlatformException(ProblemType.NOT_FOUND, "No subscriber group for " + addon + ".");
            }
        } catch (RedisException e) {
            throw EventBusProblems.unavailable();
        }
        log.warn("Dropped the event group of {}, which no longer subscribes, with its retries", addon);
        return ResponseEntity.noContent().build();
    }

    private boolean stillSubscribes(String addon) {
        try {
            return permissions.isSubscriber(registry.latestManifest(addon));
        } catch (PlatformException e) {
            if (e.problemType() == ProblemType.ADDON_NOT_FOUND || e.problemType() == ProblemType.VERSION_NOT_FOUND) {
                return false;
            }
            throw e;
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
