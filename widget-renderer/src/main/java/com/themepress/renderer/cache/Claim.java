package com.themepress.renderer.cache;

import org.jspecify.annotations.Nullable;

/** What one look at L2 found: the stored render, the render lock taken, the lock held by another renderer, or no Redis. */
record Claim(State state, @Nullable Rendered stored) {

    enum State { STORED, LOCKED, BUSY, UNAVAILABLE }

    static final Claim LOCKED = new Claim(State.LOCKED, null);
    static final Claim BUSY = new Claim(State.BUSY, null);
    static final Claim UNAVAILABLE = new Claim(State.UNAVAILABLE, null);

    static Claim stored(Rendered rendered) {
        return new Claim(State.STORED, rendered);
    }
}
