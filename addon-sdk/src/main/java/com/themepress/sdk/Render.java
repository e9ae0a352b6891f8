package com.themepress.sdk;

import tools.jackson.databind.JsonNode;

/**
 * One render of a widget. The platform has already validated {@code config} against the widget's
 * {@code configSchema} and applied its defaults; the fallbacks here only matter when the widget is
 * rendered outside the platform (tests, local runs).
 *
 * @param widget  the widget's name
 * @param config  the widget configuration (an empty object when none was sent)
 * @param context the page context (site, locale, apiBase, requestId), an empty object when none was sent;
 *                {@code user} only for a widget whose manifest {@code cacheScope} is {@code user} or
 *                {@code none}, {@code session} only for {@code none} (a shared render is told no one)
 * @param addon   this container's identity and addon-level config
 * @param host    the host API for this render (storage reads, site data) of the site in {@code context}
 */
public record Render(String widget, JsonNode config, JsonNode context, AddonInfo addon, HostApi host) {

    /** A render without a host API (tests that need none). */
    public Render(String widget, JsonNode config, JsonNode context, AddonInfo addon) {
        this(widget, config, context, addon, HostApi.none());
    }

    /** This addon's documents on the render's site. */
    public Storage storage() {
        return host.storage();
    }

    /** A string from the config, or the fallback when it is absent. */
    public String text(String field, String fallback) {
        return Fields.text(config, field, fallback);
    }

    /** A string from the page context, or the fallback when it is absent. */
    public String contextText(String field, String fallback) {
        return Fields.text(context, field, fallback);
    }

    /** An integer from the config, or the fallback when it is absent. */
    public long integer(String field, long fallback) {
        return Fields.integer(config, field, fallback);
    }

    /** A boolean from the config, or the fallback when it is absent. */
    public boolean bool(String field, boolean fallback) {
        return Fields.bool(config, field, fallback);
    }
}
