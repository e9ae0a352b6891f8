package com.themepress.server.events.publishing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.events.EventPattern;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EventSubscription;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.events.EventBusProblems;
import com.themepress.server.events.EventEnvelope;
import com.themepress.server.events.EventProperties;
import com.themepress.server.events.QueryParams;
import com.themepress.server.events.delivery.DeliveryEngine;
import com.themepress.server.events.streams.EventStreams;
import com.themepress.server.events.streams.GroupInfo;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.web.JsonBody;

import io.lettuce.core.RedisException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code POST /api/events} publishes for trusted callers: the admin key (any source), or a developer
 * key publishing as an addon it owns, within what {@link EventPermissions} lets that addon publish.
 * Reading the log and the subscriber backlog needs the admin key: events carry customer data.
 */
@RestController
@RequestMapping("/api/events")
class EventController {

    static final Pattern STREAM_ID = Pattern.compile("^\\d{1,19}-\\d{1,19}$");

    private final ApiKeys keys;
    private final RegistryService registry;
    private final EventPermissions permissions;
    private final EventPublisher publisher;
    private final EventLog eventLog;
    private final EventStreams streams;
    private final DeliveryEngine engine;
    private final EventProperties properties;

    EventController(ApiKeys keys, RegistryService registry, EventPermissions permissions, EventPublisher publisher,
            EventLog eventLog, EventStreams streams, DeliveryEngine engine, EventProperties properties) {
        this.keys = keys;
        this.registry = registry;
        this.permissions = permissions;
        this.publisher = publisher;
        this.eventLog = eventLog;
        this.streams = streams;
        this.engine = engine;
        this.properties = properties;
    }

    /**
     * One event (an object; answers its envelope) or a batch (an array; answers the envelopes in
     * order). A batch is checked whole before anything is published, then appended all or none.
     */
    @PostMapping
    ResponseEntity<JsonNode> publish(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            JsonBody body) {
        Caller caller = keys.authenticate(key);
        if (body.json().isArray()) {
            List<PublishRequest> requests = PublishRequest.parseBatch(body.json(), properties.maxBatch());
            if (!caller.admin()) {
                Map<String, AddonManifest> owned = new HashMap<>(); // a batch usually comes from one addon: read it once
                for (int i = 0; i < requests.size(); i++) {
                    authorizeDeveloper(caller, requests.get(i), "/" + i, owned);
                }
            }
            ArrayNode answer = StrictJson.mapper().createArrayNode();
            publisher.publishAll(requests, "api").forEach(event -> answer.add(event.toJson()));
            return ResponseEntity.accepted().body(answer);
        }
        PublishRequest request = PublishRequest.parse(body.json());
        if (!caller.admin()) {
            authorizeDeveloper(caller, request, "", new HashMap<>());
        }
        EventEnvelope event = publisher.publish(request.type(), request.source(), request.site(), request.data(), "api");
        return ResponseEntity.accepted().body(event.toJson());
    }

    private void authorizeDeveloper(Caller caller, PublishRequest request, String at, Map<String, AddonManifest> owned) {
        AddonManifest manifest = owned.get(request.source());
        if (manifest == null) {
            if (!registry.isOwner(caller, request.source())) {
                throw new PlatformException(ProblemType.FORBIDDEN, "A developer key publishes only as an addon its developer owns; '"
                        + request.source() + "' is not one of them.", List.of(new FieldError(at + "/source", "not an addon you own")));
            }
            manifest = registry.latestManifest(request.source());
            owned.put(request.source(), manifest);
        }
        permissions.refusePublish(manifest, request.type(), request.site()).ifPresent(reason -> {
            throw new PlatformException(ProblemType.FORBIDDEN, "Not allowed to publish: " + reason + ".",
                    List.of(new FieldError(at + "/type", reason)));
        });
    }

    @GetMapping
    EventLog.Page read(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable String site, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String before,
            @RequestParam(defaultValue = "20") String size) {
        requireAdmin(key, "Reading the event log");
        QueryParams query = new QueryParams();
        String typePattern = query.matching(type, "type", PublishRequest.TYPE_PATTERN, "must be an event type or pattern like payment.*");
        String sourceName = query.matching(source, "source", PublishRequest.SOURCE, "must be an addon name");
        String siteId = query.matching(site, "site", PublishRequest.SITE, "must be a site id");
        Instant fromTime = query.instant(from, "from");
        Instant toTime = query.instant(to, "to");
        String cursor = query.matching(before, "before", STREAM_ID, "must be the 'next' value of a previous page");
        int pageSize = query.bounded(size, "size", 1, 100);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            query.add(new FieldError("/to", "must be after from"));
        }
        query.check();
        EventLog.Filter filter = new EventLog.Filter(typePattern == null ? null : new EventPattern(typePattern), sourceName,
                siteId, fromTime, toTime);
        try {
            return eventLog.read(filter, cursor, pageSize);
        } catch (RedisException e) {
            throw EventBusProblems.unavailable();
        }
    }

    /**
     * @param lag        events its group has not read yet
     * @param pending    read by a replica, not yet acknowledged
     * @param retrying   waiting for their next attempt
     * @param deliveringHere whether this replica delivers to it
     */
    record SubscriberView(String addon, List<EventSubscription> subscribes, @Nullable Long lag, long pending, long retrying, long consumers,
            boolean deliveringHere) {
    }

    @GetMapping("/subscribers")
    List<SubscriberView> subscribers(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key) {
        requireAdmin(key, "Reading the subscriber backlog");
        try {
            Map<String, GroupInfo> groups = new java.util.TreeMap<>();
            streams.groups().forEach(g -> groups.put(g.addon(), g));
            List<SubscriberView> views = new ArrayList<>();
            for (GroupInfo group : groups.values()) {
                AddonManifest manifest = engine.subscriber(group.addon());
                views.add(new SubscriberView(group.addon(), manifest == null ? List.of() : manifest.events().subscribes(),
                        group.lag(), group.pending(), streams.retries().count(group.addon()), group.consumers(), manifest != null));
            }
            return views;
        } catch (RedisException e) {
            throw EventBusProblems.unavailable();
        }
    }

    private void requireAdmin(@Nullable String key, String what) {
        if (!keys.authenticate(key).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, what + " needs the admin key: events carry customer data.");
        }
    }
}
