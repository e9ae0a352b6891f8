package com.themepress.model.manifest;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may be served a widget's cached render, as its manifest declares it ({@code cacheScope}). The
 * renderer's rule for all three: a cache key covers everything the addon is told that can change
 * its output, so a render is only ever served to a request that would have been told the same.
 */
public enum CacheScope {
    /** One render for everyone with the same config, site and locale; the addon is not told who asks. */
    PUBLIC("public"),
    /** One render per user ({@code X-User-Id}); requests without a user share the anonymous render. */
    USER("user"),
    /** Rendered for every request, kept nowhere, no stale copy when the addon fails. */
    NONE("none");

    private final String id;

    CacheScope(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<CacheScope> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /**
     * A stored manifest's value: absent means {@code public} (manifests registered before scopes
     * existed); a value this code does not know is read as {@code none}, the scope that can share
     * nothing, never as a wider one.
     */
    @JsonCreator
    public static CacheScope parseStored(String id) {
        return fromId(id).orElse(NONE);
    }
}
