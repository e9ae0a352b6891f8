package com.themepress.renderer.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import com.themepress.model.manifest.CacheScope;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.cache.CacheInvalidation;
import com.themepress.renderer.cache.CacheKey;
import com.themepress.renderer.cache.CacheProperties;
import com.themepress.renderer.cache.Served;
import com.themepress.renderer.cache.WidgetCache;
import com.themepress.renderer.fragment.WidgetOutput;

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
        RenderContext told = request.context().toldFor(work.widget().scope());
        Supplier<WidgetOutput> render = () -> runtime.render(work.widget(), work.config(), told).sanitized();
        if (work.widget().scope() == CacheScope.NONE) {
            return cache.bypass(work.key(), render);
        }
        return cache.get(keyFor(work, request.context().user()), render);
    }

    /**
     * The key of this request's render: the prepared key, which covers config, site, locale and API
     * base, and for a {@code user} widget the user as well, who is what {@link RenderContext#toldFor}
     * tells the addon (no user: the shared anonymous render).
     */
    private static CacheKey keyFor(Prepared ready, @Nullable String user) {
        return ready.widget().scope() == CacheScope.USER && user != null ? ready.key().forUser(user) : ready.key();
    }

    /**
     * The L1 hit for a request prepared before, or null. Touches only memory: no resolution, no
     * Redis, no render, no exception.
     */
    @Nullable Served cached(Request request) {
        Prepared ready = prepared.getIfPresent(Asked.of(request));
        if (ready == null || ready.widget().scope() == CacheScope.NONE) {
            return null;
        }
        return cache.peek(keyFor(ready, request.context().user()));
    }

    /** About the heap a prepared request holds: its parsed config is a few times the raw text, plus the key and resolution references. */
    private static int preparedWeight(Asked asked) {
        return 1024 + 8 * (asked.config() == null ? 0 : asked.config().length()) + asked.context().length();
    }

    private Prepared prepare(Request request) {
        ResolvedWidget widget = resolver.resolve(request.addon(), request.widget(), request.site());
        JsonNode config = effectiveConfig(widget, request.config());
        return new Prepared(widget, config, new CacheKey(widget.addon(), widget.version(), widget.widget(),
                ConfigDocuments.hash(config, request.context().keyPart() + (widget.pageScript() ? "\npage-script" : "")), widget.scope(),
                widget.pageScript()));
    }

    @Override
    public void evictAddon(String addon) {
        generation.incrementAndGet();
        prepared.asMap().keySet().removeIf(asked -> asked.addon().equals(addon));
    }

    static void checkAddress(String addon, String widget, @Nullable String site) {
        if (Names.ADDON.matches(addon) && Names.WIDGET.matches(widget) && (site == null || Names.SITE.matches(site))) {
            return;
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!Names.ADDON.matches(addon)) {
            errors.add(new FieldError("/addon", "must match " + Names.ADDON.regex()));
        }
        if (!Names.WIDGET.matches(widget)) {
            errors.add(new FieldError("/widget", "must match " + Names.WIDGET.regex()));
        }
        if (site != null && !Names.SITE.matches(site)) {
            errors.add(new FieldError("/site", "must match " + Names.SITE.regex()));
        }
        throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid widget address.", errors);
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
