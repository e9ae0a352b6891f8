package com.themepress.renderer.render;

import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.CacheScope;
import com.themepress.renderer.cache.Rendered;
import com.themepress.renderer.cache.Served;

/**
 * The status and headers of a served widget, written the same way by the controller and by the
 * L1 hit path ({@link L1HitFilter}), so that a client cannot tell which of the two answered.
 */
final class WidgetResponse {

    static final String STALE_HEADER = "X-Widget-Stale";
    static final String CACHE_HEADER = "X-Widget-Cache";
    static final String VERSION_HEADER = "X-Widget-Version";
    static final String JSON = "application/json";
    static final String HTML = "text/html;charset=UTF-8";
    private static final String VARY = "Accept, Accept-Language";
    private static final String VARY_BY_USER = VARY + ", X-User-Id";
    private static final String FRESH = "no-cache, public";
    /** Only the user's own browser may keep a per-user render; a CDN or shared proxy must not. */
    private static final String FRESH_PRIVATE = "private, no-cache";
    private static final String STALE = "no-store";
    private static final String UNCACHED = "no-store";

    private WidgetResponse() {
    }

    /**
     * Writes the headers through {@code header} and answers the status: 304 when
     * {@code If-None-Match} names the representation's ETag, else 200 (the caller then sends
     * {@link #body} with {@link #contentType}).
     */
    static int headers(Served served, boolean fragment, @Nullable String ifNoneMatch, BiConsumer<String, String> header) {
        Rendered rendered = served.rendered();
        String etag = rendered.etag(fragment);
        header.accept("ETag", etag);
        header.accept("Vary", served.scope() == CacheScope.USER ? VARY_BY_USER : VARY);
        header.accept(CACHE_HEADER, served.tier().name());
        header.accept(VERSION_HEADER, rendered.version());
        if (served.stale()) {
            header.accept("Cache-Control", STALE);
            header.accept(STALE_HEADER, "true");
            header.accept("Warning", "110 themepress \"Response is Stale\"");
        } else {
            header.accept("Cache-Control", switch (served.scope()) {
                case PUBLIC -> FRESH;
                case USER -> FRESH_PRIVATE;
                case NONE -> UNCACHED;
            });
        }
        return matches(ifNoneMatch, etag) ? 304 : 200;
    }

    static byte[] body(Served served, boolean fragment) {
        return fragment ? served.rendered().fragment() : served.rendered().json();
    }

    static String contentType(boolean fragment) {
        return fragment ? HTML : JSON;
    }

    private static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
