package com.themepress.server.execute;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.requests.RequestIds;
import com.themepress.model.http.SiteContext;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.runtimeclient.RuntimeAnswer;
import com.themepress.runtimeclient.RuntimeClient;
import com.themepress.server.install.SiteCalls;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.permissions.Deployments;
import com.themepress.server.permissions.EndpointAccess;
import com.themepress.server.permissions.EndpointCaller;
import com.themepress.server.permissions.EventPermissions;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.sites.KeyKind;
import com.themepress.server.sites.SiteCaller;
import com.themepress.server.sites.SiteKeys;
import com.themepress.server.web.JsonBody;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/addons/{name}/execute {"action", "data"}}: runs an endpoint of the addon's
 * current version in its sandbox and answers what the addon answered. Before any container work the
 * caller must be let in ({@link EndpointAccess}: a key unless the endpoint is {@code public}) and the
 * data must meet the endpoint's {@code inputSchema} ({@link InputSchemas}).
 */
@RestController
class ExecuteController {

    private static final Logger log = LoggerFactory.getLogger(ExecuteController.class);

    private final RegistryService registry;
    private final RuntimeClient runtime;
    private final EmittedEvents events;
    private final EventPermissions permissions;
    private final Deployments deployments;
    private final ApiKeys keys;
    private final EndpointAccess access;
    private final InputSchemas inputSchemas;
    private final IdempotencyKeys idempotency;
    private final SiteKeys siteKeys;
    private final SiteCalls siteCalls;

    ExecuteController(RegistryService registry, RuntimeClient runtime, EmittedEvents events, EventPermissions permissions,
            Deployments deployments, ApiKeys keys, EndpointAccess access, InputSchemas inputSchemas, IdempotencyKeys idempotency,
            SiteKeys siteKeys, SiteCalls siteCalls) {
        this.siteKeys = siteKeys;
        this.siteCalls = siteCalls;
        this.idempotency = idempotency;
        this.deployments = deployments;
        this.registry = registry;
        this.runtime = runtime;
        this.events = events;
        this.permissions = permissions;
        this.keys = keys;
        this.access = access;
        this.inputSchemas = inputSchemas;
    }

    @PostMapping("/api/addons/{name}/execute")
    ResponseEntity<byte[]> execute(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String idempotencyKey,
            @RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin,
            @PathVariable String name, JsonBody body) {
        if (idempotencyKey != null) {
            IdempotencyKeys.requireWellFormed(idempotencyKey);
        }
        JsonNode action = body.json().path("action");
        if (!body.json().isObject() || !action.isString() || action.asString().isBlank()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The body must be {\"action\": \"<endpoint>\", \"data\": {...}}.",
                    List.of(new FieldError("/action", "a string naming one of the addon's endpoints is required")));
        }
        SiteCaller siteCaller = key != null && KeyKind.isSiteKey(key) ? siteKeys.authenticate(key) : null;
        EndpointCaller caller = siteCaller != null ? forSite(siteCaller) : caller(key);
        String site = siteOf(caller);
        SiteCalls.Installed installed = siteCaller == null ? null : siteCalls.installed(siteCaller, origin, name);
        AddonManifest manifest = installed == null ? registry.latestManifest(name) : installed.manifest();
        SiteContext context = installed == null ? null : installed.context();
        EndpointSpec endpoint = manifest.endpoint(action.asString()).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                "Addon '" + name + "' has no endpoint '" + truncate(action.asString()) + "'; it has: "
                        + String.join(", ", manifest.endpoints().stream().map(EndpointSpec::name).toList()) + ".",
                List.of(new FieldError("/action", "unknown endpoint"))));
        access.requireMayCall(manifest, endpoint, caller);
        if (site != null) {
            siteCalls.requireGranted(site, manifest, endpoint);
        }
        JsonNode data = body.json().has("data") ? body.json().get("data") : StrictJson.mapper().createObjectNode();
        inputSchemas.requireValid(manifest, endpoint, data);
        if (!manifest.events().publishes().isEmpty()) {
            events.requireRoom();
        }
        byte[] payload = StrictJson.mapper().writeValueAsBytes(data);
        if (idempotencyKey == null) {
            Relayed relayed = relay(manifest, site, runtime.invoke(deployments.target(manifest, site), "execute/" + endpoint.name(), payload, RequestIds.current(), context));
            if (!relayed.events().isEmpty()) {
                events.commit(UUID.randomUUID().toString(), manifest.name(), relayed.events(), null);
            }
            return relayed.response();
        }
        IdempotencyKeys.Start start = idempotency.begin(scopeOf(caller), name, idempotencyKey,
                StrictJson.mapper().writeValueAsBytes(body.json()), manifest.resources().timeoutMs());
        if (start.replay().isPresent()) {
            return replayed(start.replay().get());
        }
        IdempotencyKeys.Claim claim = start.claim().orElseThrow();
        RuntimeAnswer answer;
        try {
            answer = runtime.invoke(deployments.target(manifest, site), "execute/" + endpoint.name(), payload, RequestIds.current(), context);
        } catch (RuntimeException e) {
            idempotency.abandon(claim);
            throw e;
        }
        if (!answer.isSuccess() && !answer.refusedByAddon()) {
            idempotency.abandon(claim); // the platform's failure, not the addon's answer: a retry may run it
            return relay(manifest, site, answer).response();
        }
        Relayed relayed = relay(manifest, site, answer);
        ResponseEntity<byte[]> response = relayed.response();
        MediaType type = response.getHeaders().getContentType();
        CallAnswer kept = idempotency.answer(claim, response.getStatusCode().value(), type == null ? null : type.toString(),
                answer.instanceId(), response.getBody() == null ? new byte[0] : response.getBody());
        if (relayed.events().isEmpty()) {
            idempotency.finish(claim, kept);
        } else {
            // one write holds the answer and its events; the outbox hands the answer on to the call's record
            events.commit(claim.id(), manifest.name(), relayed.events(), kept);
        }
        return response;
    }

    /** Repeats share answers only within one caller: a developer, a site, the operator, or anonymous callers. */
    private static String scopeOf(EndpointCaller caller) {
        if (caller instanceof EndpointCaller.Developer developer) {
            return "developer:" + developer.developer();
        }
        if (siteOf(caller) != null) {
            return "site:" + siteOf(caller);
        }
        return caller instanceof EndpointCaller.Operator ? "operator" : "anonymous";
    }

    private static ResponseEntity<byte[]> replayed(CallAnswer call) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(call.status()).header("Idempotent-Replayed", "true");
        if (call.instanceId() != null) {
            response.header("X-Instance-Id", call.instanceId());
        }
        MediaType type = mediaType(call.contentType());
        if (type != null) {
            response.contentType(type);
        }
        return response.body(call.body());
    }

    private static @Nullable String siteOf(EndpointCaller caller) {
        if (caller instanceof EndpointCaller.SitePage page) {
            return page.site();
        }
        return caller instanceof EndpointCaller.SiteAdmin admin ? admin.site() : null;
    }

    /** Who presents {@code key}: anonymous without one, 401 for a key that is not known. */
    private EndpointCaller caller(@Nullable String key) {
        return keys.authenticateIfPresent(key).map(ExecuteController::asEndpointCaller).orElse(EndpointCaller.ANONYMOUS);
    }

    private static EndpointCaller forSite(SiteCaller site) {
        return site.secret() ? new EndpointCaller.SiteAdmin(site.site()) : new EndpointCaller.SitePage(site.site());
    }

    private static EndpointCaller asEndpointCaller(Caller caller) {
        return caller.admin() ? EndpointCaller.OPERATOR : EndpointCaller.developer(caller.developer());
    }

    /** The caller's answer, and the events it carried that the addon may publish. */
    private record Relayed(ResponseEntity<byte[]> response, List<EmittedEvent> events) {
    }

    private Relayed relay(AddonManifest manifest, @Nullable String site, RuntimeAnswer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.instanceId() != null) {
            response.header("X-Instance-Id", answer.instanceId());
        }
        MediaType contentType = mediaType(answer.contentType());
        if (mayCarryEvents(answer)) {
            try {
                EventExtraction.Split split = EventExtraction.split(manifest, site, StrictJson.mapper().readTree(answer.body()), permissions);
                if (!split.refused().isEmpty()) {
                    log.warn("Addon {} emitted undeclared or unpermitted events {}; dropped", manifest.name(), split.refused());
                }
                return new Relayed(response.contentType(contentType != null ? contentType : MediaType.APPLICATION_JSON)
                        .body(StrictJson.mapper().writeValueAsBytes(split.visible())), split.accepted());
            } catch (JacksonException e) {
                // An addon that labels non-JSON as JSON gets its bytes relayed unchanged.
                log.debug("Addon {} answered unparsable JSON", manifest.name(), e);
            }
        }
        if (answer.contentType() != null) {
            response.contentType(contentType != null ? contentType : MediaType.APPLICATION_OCTET_STREAM);
        }
        return new Relayed(response.body(answer.body()), List.of());
    }

    /**
     * Spec section 6: the addon's own 2xx and 4xx answers reach the caller, so either may carry events
     * (a declined payment answers 402 with {@code payment.failed}). The runtime's problems and 5xx are
     * the platform's, not the addon's.
     */
    private static boolean mayCarryEvents(RuntimeAnswer answer) {
        return (answer.isSuccess() || answer.refusedByAddon()) && answer.isJson();
    }

    private static @Nullable MediaType mediaType(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String truncate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
