package com.themepress.sdk;

import java.util.Objects;

/**
 * A rendered widget: an HTML fragment with its own CSS and JavaScript. The platform scopes all
 * three when it embeds them, but values taken from config or context still belong inside
 * {@link Html#escape(String)}.
 */
public record Widget(String html, String css, String javascript) {

    public Widget {
        Objects.requireNonNull(html, "a widget needs html (it may be empty)");
        css = Objects.requireNonNullElse(css, "");
        javascript = Objects.requireNonNullElse(javascript, "");
    }

    public static Widget of(String html, String css, String javascript) {
        return new Widget(html, css, javascript);
    }

    /** A widget that is only markup. */
    public static Widget html(String html) {
        return new Widget(html, "", "");
    }
}
