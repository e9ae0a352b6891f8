package com.themepress.renderer.fragment;

import java.util.Set;

/**
 * Chooses a widget's embeddable form. A widget without script, or of an addon granted in-page script
 * ({@link FragmentProperties#inlineScriptAddons()}), is the in-page {@link Fragment}; every other
 * widget with script is the {@link FramedFragment}, whose script cannot reach the page.
 */
public final class Fragments {

    /**
     * An embeddable form and its tag, which the fragment's ETag carries: a page or CDN that holds one
     * form cannot have it confirmed (304) once the same render is served in the other.
     */
    public record Embedded(byte[] html, String tag) {
    }

    static final String IN_PAGE = "h";
    static final String FRAMED = "f";

    private final Set<String> inlineScriptAddons;
    private final String apiBase;

    /** {@code apiBase}: where the page-side bridge sends the widget's execute calls (the API base widgets are given). */
    public Fragments(FragmentProperties properties, String apiBase) {
        this.inlineScriptAddons = Set.copyOf(properties.inlineScriptAddons());
        this.apiBase = apiBase;
    }

    public Embedded of(String addon, String version, String widget, WidgetOutput safe) {
        return of(addon, version, widget, safe, false);
    }

    /** {@code pageScript}: the site the render is for granted the addon {@code page.script}. */
    public Embedded of(String addon, String version, String widget, WidgetOutput safe, boolean pageScript) {
        if (safe.javascript().isBlank() || pageScript || inlineScriptAddons.contains(addon)) {
            return new Embedded(Fragment.of(addon, version, widget, safe), IN_PAGE);
        }
        return new Embedded(FramedFragment.of(addon, version, widget, safe, apiBase), FRAMED);
    }
}
