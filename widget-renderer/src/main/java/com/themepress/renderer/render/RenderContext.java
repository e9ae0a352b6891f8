package com.themepress.renderer.render;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the addon learns about the request. Site, locale and the API base change what a widget
 * shows and are part of the cache key; user, session and request id do not: renders are shared by
 * everyone on a site, so an addon must put per-user data in through its script, not its HTML.
 */
record RenderContext(@Nullable String site, @Nullable String locale, @Nullable String user, @Nullable String session,
        String apiBase, @Nullable String requestId) {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final Pattern REGION = Pattern.compile("^(?:[A-Z]{2}|[0-9]{3})$");

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
