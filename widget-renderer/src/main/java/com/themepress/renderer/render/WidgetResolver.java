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
 * <p>
 * A resolution (version, parsed and compiled configSchema, deployment) is kept once per widget,
 * whatever the {@code site}: site ids come from the query, and a copy per site would let a caller
 * multiply the largest schema on the heap. What differs per site, its saved config and grants, is
 * kept apart; only a site that installed another version than the current one holds a resolution
 * of its own (a site without the addon gets the addon-server's 404, kept as briefly as an unknown
 * widget, so only real installations hold a resolution).
 * Both caches are bounded in bytes, estimated from the JSON the addon-server sent.
 */
@Component
@Order(1)
class WidgetResolver implements CacheInvalidation.Evictable {

    /** Heap per byte of resolution JSON: mostly the parsed and compiled configSchema. */
    static final int HEAP_PER_JSON_BYTE = JsonSchemaCheck.HEAP_PER_SOURCE_BYTE;

    record Key(String addon, String widget) {
    }

    record SiteKey(String addon, String widget, String site) {
    }

    /**
     * A resolution, or the 4xx problem the addon-server answered; {@code asked} is the eviction
     * generation when the question was sent, {@code weight} the heap it is estimated to hold.
     */
    record Resolution(@Nullable ResolvedWidget found, @Nullable PlatformException missing, long asked, int weight) {
    }

    /** A site's saved config for the widget as of {@code version}; null when the site saved none. */
    record SiteConfig(String version, @Nullable JsonNode savedConfig, boolean pageScript, @Nullable ResolvedWidget pinned,
            @Nullable PlatformException missing, long asked, int weight) {
    }

    private final UpstreamProperties upstreams;
    /** Sent with every resolution: the addon-server's internal API wants it when one is configured. */
    private final @Nullable String serviceKey;
    private final HttpClient http;
    private final Cache<Key, Resolution> resolutions;
    private final Cache<SiteKey, SiteConfig> siteConfigs;
    private final AtomicLong generation = new AtomicLong();
    /** Per addon, the generation of its last eviction: an answer asked for before it may predate the change. */
    private final Map<String, Long> evicted = new ConcurrentHashMap<>();

    WidgetResolver(UpstreamProperties upstreams, ServiceKeyProperties serviceKey, CacheProperties cache, Ticker ticker) {
        this.upstreams = upstreams;
        this.serviceKey = serviceKey.key().orElse(null);
        this.http = UpstreamCalls.newClient(upstreams.connectTimeout());
        this.resolutions = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(cache.resolvedMaxSize().toBytes())
                .weigher((Key key, Resolution value) -> value.weight())
                .expireAfter(Expiry.<Key, Resolution>creating((key, value) -> value.found() != null ? cache.resolveTtl() : cache.notFoundTtl()))
                .build();
        this.siteConfigs = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(cache.siteConfigMaxSize().toBytes())
                .weigher((SiteKey key, SiteConfig value) -> value.weight())
                // "not installed on this site" is kept briefly, like an unknown widget: a page that keeps
                // asking costs no lookup each time, and an installation evicts it at once anyway
                .expireAfter(Expiry.<SiteKey, SiteConfig>creating((key, value) -> value.missing() == null ? cache.resolveTtl() : cache.notFoundTtl()))
                .build();
    }

    ResolvedWidget resolve(String addon, String widget, @Nullable String site) {
        ResolvedWidget found = current(new Key(addon, widget));
        if (site == null) {
            return found;
        }
        SiteKey siteKey = new SiteKey(addon, widget, site);
        SiteConfig config = siteConfigs.get(siteKey, this::fetchSite);
        if (config.asked() < evicted.getOrDefault(addon, 0L)
                || config.missing() == null && config.pinned() == null && !config.version().equals(found.version())) {
            // One of the two answers predates a registry or installation change: ask again for both.
            siteConfigs.asMap().remove(siteKey, config);
            resolutions.invalidate(new Key(addon, widget));
            found = current(new Key(addon, widget));
            config = siteConfigs.get(siteKey, this::fetchSite);
        }
        if (config.missing() != null) {
            PlatformException missing = config.missing();
            throw new PlatformException(missing.problemType(), missing.getBody().getDetail(), missing.errors());
        }
        ResolvedWidget base = config.pinned() != null ? config.pinned() : found;
        return config.savedConfig() == null && !config.pageScript() ? base : base.withSavedConfig(config.savedConfig(), config.pageScript());
    }

    /** Held bytes of both caches, as weighed (after pending evictions ran). */
    long weightedSize() {
        resolutions.cleanUp();
        siteConfigs.cleanUp();
        return resolutions.policy().eviction().orElseThrow().weightedSize().orElse(0)
                + siteConfigs.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private ResolvedWidget current(Key key) {
        Resolution resolution = resolutions.get(key, this::fetch);
        if (resolution.asked() < evicted.getOrDefault(key.addon(), 0L)) {
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
        siteConfigs.asMap().keySet().removeIf(key -> key.addon().equals(addon));
    }

    private Resolution fetch(Key key) {
        long asked = generation.get();
        HttpResponse<byte[]> response = ask(key.addon(), key.widget(), null);
        int status = response.statusCode();
        int weight = HEAP_PER_JSON_BYTE * (response.body().length + key.addon().length() + key.widget().length()) + 256;
        if (status == 200) {
            return new Resolution(parse(response.body()), null, asked, weight);
        }
        PlatformException problem = problemOf(status, response.body());
        if (status == 404) {
            return new Resolution(null, problem, asked, weight); // remembered, briefly
        }
        throw problem;
    }

    /**
     * The site's saved config and grants; and the whole resolution only when the site installed
     * another version than the current one, since otherwise the widget is the site-less resolution's.
     */
    private SiteConfig fetchSite(SiteKey key) {
        long asked = generation.get();
        HttpResponse<byte[]> response = ask(key.addon(), key.widget(), key.site());
        if (response.statusCode() == 404) {
            return new SiteConfig("", null, false, null, problemOf(404, response.body()), asked,
                    HEAP_PER_JSON_BYTE * (response.body().length + key.site().length()) + 256);
        }
        if (response.statusCode() != 200) {
            throw problemOf(response.statusCode(), response.body());
        }
        try {
            JsonNode json = StrictJson.mapper().readTree(response.body());
            JsonNode saved = json.path("savedConfig");
            String version = json.path("version").asString();
            Resolution shared = resolutions.getIfPresent(new Key(key.addon(), key.widget()));
            boolean current = shared != null && shared.found() != null && shared.found().version().equals(version);
            ResolvedWidget pinned = current ? null : parse(response.body());
            int held = (saved.isObject() ? saved.toString().length() : 0) + (pinned == null ? 0 : response.body().length);
            return new SiteConfig(version, saved.isObject() ? saved : null, json.path("pageScript").asBoolean(false), pinned, null, asked,
                    HEAP_PER_JSON_BYTE * (held + key.site().length()) + 256);
        } catch (JacksonException e) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The addon-server answered an unreadable widget resolution.");
        }
    }

    private HttpResponse<byte[]> ask(String addon, String widget, @Nullable String site) {
        String path = "/internal/widgets/" + addon + "/" + widget
                + (site == null ? "" : "?site=" + URLEncoder.encode(site, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(upstreams.addonServer().resolve(path))
                .timeout(upstreams.resolveTimeout())
                .header("Accept", "application/json")
                .GET();
        if (serviceKey != null) {
            request.header(ServiceKeyProperties.HEADER, serviceKey);
        }
        return UpstreamCalls.send(http, request.build(), "addon-server");
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
            return new ResolvedWidget(addon, version, widget.path("name").asString(), schema, JsonSchemaCheck.of(schema),
                    RuntimeTarget.of(addon, version, deployment.path("resources").path("timeoutMs").asInt(30_000),
                            StrictJson.mapper().writeValueAsBytes(deployment)),
                    null, CacheScope.parseStored(widget.path("cacheScope").asString("public")), false);
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
