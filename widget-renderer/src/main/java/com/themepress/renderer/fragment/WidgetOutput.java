package com.themepress.renderer.fragment;

/**
 * A widget render: {@code {html, css, javascript}}. What an addon answers is untrusted; what the
 * renderer caches and serves has been through {@link #sanitized()}.
 */
public record WidgetOutput(String html, String css, String javascript) {

    public WidgetOutput {
        html = html == null ? "" : html;
        css = css == null ? "" : css;
        javascript = javascript == null ? "" : javascript;
    }

    /** HTML through the sanitiser policy, CSS rescoped to the widget; the script is kept (it runs in a sandboxed frame, see {@link Fragments}). */
    public WidgetOutput sanitized() {
        return new WidgetOutput(HtmlPolicy.sanitize(html), CssScoper.scope(css), javascript);
    }
}
