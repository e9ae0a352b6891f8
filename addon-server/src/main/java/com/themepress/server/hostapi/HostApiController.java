package com.themepress.server.hostapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.manifest.Permission;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.events.EventProperties;
import com.themepress.server.execute.EmittedEvent;
import com.themepress.server.execute.EmittedEvents;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.sites.SiteDirectory;
import com.themepress.server.sites.SiteDocument;
import com.themepress.server.web.JsonBody;

import tools.jackson.databind.JsonNode;

/**
 * Events and site data on the host API. An event's {@code source} and {@code site} are the token's,
 * whatever the body says, and it is published only if the addon declares its type and holds
 * {@code events.publish} there: the same decision as events in an execute answer
 * ({@link EventPermissions}), through the same outbox. The site's public data needs {@code site.read}.
 */
@RestController
class HostApiController {

    private final HostCallers callers;
    private final EventPermissions permissions;
    private final EmittedEvents events;
    private final SiteDirectory sites;
    private final long maxEventSize;

    HostApiController(HostCallers callers, EventPermissions permissions, EmittedEvents events, SiteDirectory sites,
            EventProperties eventProperties) {
        this.callers = callers;
        this.permissions = permissions;
        this.events = events;
        this.sites = sites;
        this.maxEventSize = eventProperties.maxEventSize().toBytes();
    }

    /** The event's id, once it is recorded for publishing (202: delivery follows). */
    @PostMapping("/internal/host/events")
    ResponseEntity<Map<String, String>> publish(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token,
            JsonBody body) {
        HostCaller caller = callers.authenticate(token);
        JsonNode type = body.json().path("type");
        if (!body.json().isObject() || !type.isString() || !Names.EVENT_TYPE.matches(type.asString())) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "An event is {\"type\": \"<type>\", \"data\": {...}}.",
                    List.of(new FieldError("/type", "an event type such as order.created")));
        }
        String site = caller.site().orElse(null);
        callers.require(caller, Permission.EVENTS_PUBLISH);
        permissions.refusePublish(caller.manifest(), type.asString(), site).ifPresent(reason -> {
            throw new PlatformException(ProblemType.FORBIDDEN, "The event cannot be published: " + reason + ".",
                    List.of(new FieldError("/type", "not declared under events.publishes")));
        });
        JsonNode data = body.json().has("data") ? body.json().get("data") : StrictJson.mapper().createObjectNode();
        if (StrictJson.mapper().writeValueAsString(data).getBytes(StandardCharsets.UTF_8).length > maxEventSize) {
            throw new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "An event's data may be at most " + maxEventSize + " bytes.",
                    List.of(new FieldError("/data", "too large")));
        }
        events.requireRoom();
        String id = UUID.randomUUID().toString();
        events.commit(id, caller.addon(), List.of(new EmittedEvent(caller.addon(), type.asString(), site, data)), null);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", type.asString()));
    }

    /** What the site shows anyone: its id, name and origins; never its keys. */
    record SiteView(String id, String name, List<String> origins) {
    }

    @GetMapping("/internal/host/site")
    SiteView site(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token) {
        HostCaller caller = callers.authenticate(token);
        SiteDocument site = sites.require(callers.requireOnSite(caller, Permission.SITE_READ));
        return new SiteView(site.id(), site.name(), site.origins());
    }
}
