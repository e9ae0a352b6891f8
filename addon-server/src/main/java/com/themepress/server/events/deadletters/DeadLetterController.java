package com.themepress.server.events.deadletters;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.events.EventBusProblems;
import com.themepress.server.events.QueryParams;
import com.themepress.server.events.delivery.DeliveryEngine;
import com.themepress.server.events.publishing.PublishRequest;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.registry.CataloguePage;
import com.themepress.server.registry.RegistryService;

import io.lettuce.core.RedisException;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters (admin key): {@code GET /api/events/dead-letters} lists them newest first (filter by
 * addon, type, status); {@code POST /api/events/dead-letters/{id}/replay} queues the event again for
 * that one subscriber with a fresh attempt count.
 */
@RestController
@RequestMapping("/api/events/dead-letters")
class DeadLetterController {

    private static final Set<String> STATUSES = Set.of(DeadLetterDocument.DEAD, DeadLetterDocument.REPLAYED, DeadLetterDocument.DELIVERED);
    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{1,62}:[0-9a-f-]{36}$");

    record DeadLetterView(String id, String addon, String status, int attempts, String lastFailure, Instant firstFailedAt,
            Instant deadAt, int replays, @Nullable Instant replayedAt, @Nullable Instant deliveredAt, JsonNode event) {

        static DeadLetterView of(DeadLetterDocument doc) {
            return new DeadLetterView(doc.id(), doc.addon(), doc.status(), doc.attempts(), doc.lastFailure(), doc.firstFailedAt(),
                    doc.deadAt(), doc.replays(), doc.replayedAt(), doc.deliveredAt(), StrictJson.mapper().readTree(doc.event()));
        }
    }

    private final ApiKeys keys;
    private final DeadLetters deadLetters;
    private final DeliveryEngine engine;
    private final RegistryService registry;
    private final EventPermissions permissions;

    DeadLetterController(ApiKeys keys, DeadLetters deadLetters, DeliveryEngine engine, RegistryService registry,
            EventPermissions permissions) {
        this.keys = keys;
        this.deadLetters = deadLetters;
        this.engine = engine;
        this.registry = registry;
        this.permissions = permissions;
    }

    @GetMapping
    CataloguePage<DeadLetterView> list(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestParam(required = false) @Nullable String addon, @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") String page,
            @RequestParam(defaultValue = "20") String size) {
        requireAdmin(key);
        QueryParams query = new QueryParams();
        String addonName = query.matching(addon, "addon", PublishRequest.SOURCE, "must be an addon name");
        String eventType = query.matching(type, "type", PublishRequest.TYPE, "must be an event type like payment.completed");
        String state = query.matching(status, "status", Pattern.compile("^(dead|replayed|delivered)$"),
                "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        int pageNumber = query.bounded(page, "page", 0, 100_000);
        int pageSize = query.bounded(size, "size", 1, 100);
        query.check();
        return deadLetters.page(addonName, eventType, state, pageNumber, pageSize).map(DeadLetterView::of);
    }

    @GetMapping("/{id}")
    DeadLetterView one(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String id) {
        requireAdmin(key);
        return DeadLetterView.of(find(id));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<DeadLetterView> replay(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String id) {
        requireAdmin(key);
        DeadLetterDocument letter = find(id);
        AddonManifest subscriber = registry.latestManifest(letter.addon());
        permissions.refuseReceive(subscriber, letter.type(), letter.source(), letter.site()).ifPresent(reason -> {
            throw new PlatformException(ProblemType.FORBIDDEN, "Cannot replay to " + letter.addon() + ": " + reason + ".");
        });
        // Marked first: a replay that succeeds at once then finds the record to mark delivered.
        DeadLetterDocument replayed = deadLetters.markReplayed(letter).orElseThrow(() -> new PlatformException(
                ProblemType.ALREADY_REPLAYED, "Dead letter " + id + " was replayed already (status "
                        + deadLetters.find(id).map(DeadLetterDocument::status).orElse("gone")
                        + "); a replay that fails again makes it a dead letter once more."));
        try {
            engine.replay(letter.addon(), letter.streamId(), letter.event(), letter.firstFailedAt());
        } catch (RedisException e) {
            deadLetters.save(letter);
            throw EventBusProblems.unavailable();
        }
        return ResponseEntity.accepted().body(DeadLetterView.of(replayed));
    }

    private DeadLetterDocument find(String id) {
        return (ID.matcher(id).matches() ? deadLetters.find(id) : java.util.Optional.<DeadLetterDocument>empty())
                .orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND, "No dead letter '" + truncate(id) + "'."));
    }

    private void requireAdmin(@Nullable String key) {
        if (!keys.authenticate(key).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Dead letters need the admin key: events carry customer data.");
        }
    }

    private static String truncate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
