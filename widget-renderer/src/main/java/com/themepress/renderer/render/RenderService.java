package com.themepress.renderer.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.cache.CacheInvalidation;
import com.themepress.renderer.cache.CacheKey;
import com.themepress.renderer.cache.CacheProperties;
import com.themepress.renderer.cache.Served;
import com.themepress.renderer.cache.WidgetCache;

import tools.jackson.databind.JsonNode;

/**
 * One widget request, start to end: check the address, resolve the widget (cached), merge the
 * preview config over the site's saved config, apply the schema's defaults and validate (400 with
 * every pointer), build the cache key from the result and the output-relevant context, and let the
 * cache answer or render.
 */
@Service
@Order(2)
class RenderService implements CacheInvalidation.Evictable {

    static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");
    static final Pattern SITE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    static final int MAX_CONFIG = 8 * 1024;

    record Request(String addon, String widget, @Nullable String site, @Nullable String config, RenderContext context) {
    }

    /** What identifies a prepared request: the address, the raw preview config and the key-relevant context. */
    private record Asked(String addon, String widget, @Nullable String site, @Nullable String config, String context) {

        static Asked of(Request request) {
            return new Asked(request.addon(), request.widget(), request.site(), request.config(), request.context().keyPart());
        }
    }

    /** A request already resolved, merged, defaulted, validated and hashed. */
    private record Prepared(ResolvedWidget widget, JsonNode config, CacheKey key) {
    }

    private final WidgetResolver resolver;
    private final RuntimeRenderer runtime;
    private final WidgetCache cache;
    private final Cache<Asked, Prepared> prepared;
    private final AtomicLong generation = new AtomicLong();

    RenderService(WidgetResolver resolver, RuntimeRenderer runtime, WidgetCache cache, CacheProperties properties, Ticker ticker) {
        this.resolver = resolver;
        this.runtime = runtime;
        this.cache = cache;
        this.prepared = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(properties.resolveTtl())
                .maximumWeight(properties.preparedMaxSize().toBytes())
                .weigher((Asked asked, Prepared ready) -> preparedWeight(asked))
                .build();
    }

    /**
     * Serves the widget. The work before the cache lookup (resolution, merge, defaults, validation,
     * hashing) is remembered per distinct request, so an L1 hit is two map lookups; a registry
     * change for the addon forgets it like the resolution.
     */
    Served serve(Request request) {
        Asked asked = Asked.of(request);
        Prepared ready = prepared.getIfPresent(asked);
        if (ready == null) {
            long before = generation.get();
            ready = prepare(request);
            if (generation.get() == before) { // no eviction ran meanwhile, so this resolution is not older than it
                prepared.put(asked, ready);
            }
        }
        Prepared work = ready;
        return cache.get(work.key(), () -> runtime.render(work.widget(), work.config(), request.context()).sanitized());
    }

    /**
     * The L1 hit for a request prepared before, or null. Touches only memory: no resolution, no
     * Redis, no render, no exception.
     */
    @Nullable Served cached(Request request) {
        Prepared ready = prepared.getIfPresent(Asked.of(request));
        return ready == null ? null : cache.peek(ready.key());
    }

    /** About the heap a prepared request holds: its parsed config is a few times the raw text, plus the key and resolution references. */
    private static int preparedWeight(Asked asked) {
        return 1024 + 8 * (asked.config() == null ? 0 : asked.config().length()) + asked.context().length();
    }

    private Prepared prepare(Request request) {
        ResolvedWidget widget = resolver.resolve(request.addon(), request.widget(), request.site());
        JsonNode config = effectiveConfig(widget, request.config());
        return new Prepared(widget, config, new CacheKey(widget.addon(), widget.version(), widget.widget(),
                ConfigDocuments.hash(config, request.context().keyPart())));
    }

    @Override
    public void evictAddon(String addon) {
        generation.incrementAndGet();
        prepared.asMap().keySet().removeIf(asked -> asked.addon().equals(addon));
    }

    static void checkAddress(String addon, String widget, @Nullable String site) {
        if (isSlug(addon) && isSlug(widget) && (site == null || isSite(site))) {
            return;
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!isSlug(addon)) {
            errors.add(new FieldError("/addon", "must match " + SLUG.pattern()));
        }
        if (!isSlug(widget)) {
            errors.add(new FieldError("/widget", "must match " + SLUG.pattern()));
        }
        if (site != null && !isSite(site)) {
            errors.add(new FieldError("/site", "must match " + SITE.pattern()));
        }
        throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid widget address.", errors);
    }

    // What SLUG and SITE match, without a Matcher: every widget request is checked, L1 hits included.
    static boolean isSlug(String text) {
        if (text.length() < 2 || text.length() > 63 || !isLower(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLower(c) && !isDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean isSite(String text) {
        if (text.isEmpty() || text.length() > 64 || !isAlphanumeric(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlphanumeric(char c) {
        return isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z');
    }

    /** Saved config, the preview's over it (JSON Merge Patch), defaults filled in, validated. */
    private static JsonNode effectiveConfig(ResolvedWidget widget, @Nullable String preview) {
        JsonNode config = widget.savedConfig() != null ? widget.savedConfig() : StrictJson.mapper().createObjectNode();
        if (preview != null) {
            byte[] raw = preview.getBytes(StandardCharsets.UTF_8);
            if (raw.length > MAX_CONFIG) {
                throw new PlatformException(ProblemType.INVALID_CONFIG, "The config query parameter is over " + MAX_CONFIG + " bytes.",
                        List.of(new FieldError("", "at most " + MAX_CONFIG + " bytes")));
            }
            config = ConfigDocuments.merge(config, StrictJson.parse(raw));
        }
        JsonNode filled = ConfigDocuments.withDefaults(widget.configSchema(), config);
        List<FieldError> errors = widget.check().check(filled);
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_CONFIG, "The config does not match " + widget.addon() + "/"
                    + widget.widget() + "'s configSchema: " + errors.get(0).pointer() + " " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "") + ".", errors);
        }
        return filled;
    }
}
