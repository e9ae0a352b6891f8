package com.themepress.renderer.render;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.CacheScope;
import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the addon learns about the request. Site, locale and the API base change what a widget
 * shows and are part of every cache key. Who is asking is told only as far as the widget's cache
 * scope keys its renders by it ({@link #toldFor}): a render can only depend on what the addon was
 * told, so a render is then never served to a request that would have been told something else.
 * The request id is told always; it traces a call and must not change the output.
 */
record RenderContext(@Nullable String site, @Nullable String locale, @Nullable String user, @Nullable String session,
        String apiBase, @Nullable String requestId) {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern REGION = Pattern.compile("^(?:[A-Z]{2}|[0-9]{3})$");

    /**
     * The context the addon is told under {@code scope}: a {@code public} render is shared, so it
     * learns neither user nor session; a {@code user} render is keyed by the user alone, so it learns
     * the user but not the session (else one session's render would reach the user's other sessions,
     * and the anonymous render every anonymous visitor); a {@code none} render reaches only the
     * request it was made for, so it learns both.
     */
    RenderContext toldFor(CacheScope scope) {
        return switch (scope) {
            case PUBLIC -> new RenderContext(site, locale, null, null, apiBase, requestId);
            case USER -> new RenderContext(site, locale, user, null, apiBase, requestId);
            case NONE -> this;
        };
    }

    /** The output-relevant part, as it enters the cache key. */
    String keyPart() {
        return "site=" + (site == null ? "" : site) + "\nlocale=" + (locale == null ? "" : locale) + "\napi=" + apiBase;
    }

    ObjectNode toJson() {
        ObjectNode json = StrictJson.mapper().createObjectNode();
        putIfPresent(json, "site", site);
        putIfPresent(json, "locale", locale);
        putIfPresent(json, "user", user);
        putIfPresent(json, "session", session);
        json.put("apiBase", apiBase);
        putIfPresent(json, "requestId", requestId);
        return json;
    }

    private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    /**
     * A language tag reduced to language and region ({@code de}, {@code pt-BR}): enough for what a
     * widget shows, and few enough values that the cache cannot be flooded through the locale.
     * Null when the tag has no usable language.
     */
    static @Nullable String normalizeLocale(@Nullable String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        String language = locale.getLanguage();
        if (!LANGUAGE.matcher(language).matches()) {
            return null;
        }
        String region = locale.getCountry();
        return REGION.matcher(region).matches() ? language + "-" + region : language;
    }

    /** The first language of an Accept-Language header. */
    static @Nullable String fromAcceptLanguage(@Nullable String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].split(";", 2)[0].strip();
        return first.equals("*") ? null : normalizeLocale(first);
    }

    static @Nullable String bounded(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.length() > 128 ? value.substring(0, 128) : value;
    }
}
