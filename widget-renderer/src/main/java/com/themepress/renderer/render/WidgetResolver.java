package com.themepress.renderer.render;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.themepress.model.manifest.CacheScope;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.JsonSchemaCheck;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.renderer.cache.CacheInvalidation;
import com.themepress.renderer.cache.CacheProperties;
import com.themepress.runtimeclient.RuntimeTarget;
import com.themepress.runtimeclient.UpstreamCalls;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks the addon-server which version of an addon is current and what its widget looks like
 * ({@code GET /internal/widgets/{addon}/{widget}?site=}), and remembers the answer until a registry
 * change for the addon is broadcast (or {@code resolve-ttl} passes). Unknown addons and widgets
 * are remembered briefly too, so a flood of bad addresses does not become a flood of lookups.
 */
@Component
@Order(1)
class WidgetResolver implements CacheInvalidation.Evictable {

    record Key(String addon, String widget, @Nullable String site) {
    }

    /**
     * A resolution, or the 4xx problem the addon-server answered; {@code asked} is the eviction
     * generation when the question was sent.
     */
    record Resolution(@Nullable ResolvedWidget found, @Nullable PlatformException missing, long asked) {
    }

    private final UpstreamProperties upstreams;
    /** Sent with every resolution: the addon-server's internal API wants it when one is configured. */
    private final @Nullable String serviceKey;
    private final HttpClient http;
    private final Cache<Key, Resolution> resolutions;
    /**
     * Compiled configSchemas by their text: one per widget version, shared by every site's resolution
     * (site ids come from the query, so per-resolution copies would let a caller fill the heap).
     */
    private final Cache<String, JsonSchemaCheck> compiled = Caffeine.newBuilder().maximumSize(1_000).build();
    private final AtomicLong generation = new AtomicLong();
    /** Per addon, the generation of its last eviction: an answer asked for before it may predate the change. */
    private final Map<String, Long> evicted = new ConcurrentHashMap<>();

    WidgetResolver(UpstreamProperties upstreams, ServiceKeyProperties serviceKey, CacheProperties cache, Ticker ticker) {
        this.upstreams = upstreams;
        this.serviceKey = serviceKey.key().orElse(null);
        this.http = UpstreamCalls.newClient(upstreams.connectTimeout());
        this.resolutions = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(10_000)
                .expireAfter(Expiry.<Key, Resolution>creating((key, value) -> value.found() != null ? cache.resolveTtl() : cache.notFoundTtl()))
                .build();
    }

    ResolvedWidget resolve(String addon, String widget, @Nullable String site) {
        Key key = new Key(addon, widget, site);
        Resolution resolution = resolutions.get(key, this::fetch);
        if (resolution.asked() < evicted.getOrDefault(addon, 0L)) {
            // Fetched while a registry change went by (an eviction does not see a load in flight):
            // it may name the old version, and a new version must never serve stale output.
            resolutions.asMap().remove(key, resolution);
            resolution = resolutions.get(key, this::fetch);
        }
        if (resolution.found() == null) {
            PlatformException missing = resolution.missing();
            throw new PlatformException(missing.problemType(), missing.getBody().getDetail(), missing.errors());
        }
        return resolution.found();
    }

    @Override
    public void evictAddon(String addon) {
        evicted.put(addon, generation.incrementAndGet());
        resolutions.asMap().keySet().removeIf(key -> key.addon().equals(addon));
    }

    private Resolution fetch(Key key) {
        long asked = generation.get();
        String path = "/internal/widgets/" + key.addon() + "/" + key.widget()
                + (key.site() == null ? "" : "?site=" + URLEncoder.encode(key.site(), StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(upstreams.addonServer().resolve(path))
                .timeout(upstreams.resolveTimeout())
                .header("Accept", "application/json")
                .GET();
        if (serviceKey != null) {
            request.header(ServiceKeyProperties.HEADER, serviceKey);
        }
        HttpResponse<byte[]> response = UpstreamCalls.send(http, request.build(), "addon-server");
        int status = response.statusCode();
        if (status == 200) {
            return new Resolution(parse(response.body()), null, asked);
        }
        PlatformException problem = problemOf(status, response.body());
        if (status == 404) {
            return new Resolution(null, problem, asked); // remembered, briefly
        }
        throw problem;
    }

    private ResolvedWidget parse(byte[] body) {
        try {
            JsonNode json = StrictJson.mapper().readTree(body);
            JsonNode widget = json.path("widget");
            JsonNode schema = widget.path("configSchema").isObject() ? widget.get("configSchema")
                    : StrictJson.mapper().createObjectNode().put("type", "object");
            String addon = json.path("addon").asString();
            String version = json.path("version").asString();
            JsonNode deployment = json.path("deployment");
            JsonNode saved = json.path("savedConfig");
            return new ResolvedWidget(addon, version, widget.path("name").asString(), schema,
                    compiled.get(schema.toString(), text -> JsonSchemaCheck.of(schema)),
                    RuntimeTarget.of(addon, version, deployment.path("resources").path("timeoutMs").asInt(30_000),
                            StrictJson.mapper().writeValueAsBytes(deployment)),
                    saved.isObject() ? saved : null, CacheScope.parseStored(widget.path("cacheScope").asString("public")));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The addon-server answered an unreadable widget resolution.");
        }
    }

    /** The addon-server's problem, kept with its type, detail and pointers. */
    private static PlatformException problemOf(int status, byte[] body) {
        ProblemType type = ProblemType.forStatus(status);
        String detail = "The addon-server answered " + status + ".";
        List<FieldError> errors = new ArrayList<>();
        try {
            JsonNode problem = StrictJson.mapper().readTree(body);
            String typeUri = problem.path("type").asString("");
            for (ProblemType candidate : ProblemType.values()) {
                if (candidate.uri().toString().equals(typeUri)) {
                    type = candidate;
                }
            }
            detail = problem.path("detail").asString(detail);
            problem.path("errors").forEach(e -> errors.add(new FieldError(e.path("pointer").asString(""), e.path("message").asString(""))));
        } catch (JacksonException e) {
            // keep the generic detail
        }
        if (status >= 500) {
            return new PlatformException(ProblemType.UPSTREAM_FAILED, "The addon-server failed (" + status + "): " + detail);
        }
        if (status == 401) {
            // about the renderer's service key, not the caller's: the two services disagree on it
            return new PlatformException(ProblemType.UPSTREAM_FAILED, "The addon-server refused the renderer's service key.");
        }
        return new PlatformException(type, detail, errors);
    }
}
