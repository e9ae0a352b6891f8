package com.themepress.renderer.cache;

import com.themepress.model.manifest.CacheScope;

/**
 * What a request gets: the render, where it came from, whether it is a stale last-good copy
 * served because the addon failed, and the widget's cache scope (which says how downstream caches
 * may keep it).
 */
public record Served(Rendered rendered, Tier tier, boolean stale, CacheScope scope) {

    public enum Tier {
        /** this renderer's memory */
        L1,
        /** Redis, shared by renderers */
        L2,
        /** rendered for this request */
        MISS,
        /** waited for an identical render already in flight (here or on another renderer) */
        COALESCED,
        /** the last good render, because the addon failed */
        LAST_GOOD,
        /** rendered for this request and kept nowhere: the widget's cache scope is {@code none} */
        BYPASS
    }
}
