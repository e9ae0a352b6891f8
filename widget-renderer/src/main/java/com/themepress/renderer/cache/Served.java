package com.themepress.renderer.cache;

/**
 * What a request gets: the render, where it came from, and whether it is a stale last-good copy
 * served because the addon failed.
 */
public record Served(Rendered rendered, Tier tier, boolean stale) {

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
        LAST_GOOD
    }
}
