package com.themepress.server.sites;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One key of a site, as stored: its secret only as a SHA-256 hash. {@code last4} lets an admin tell
 * keys apart in a list without the secret.
 */
public record SiteKey(String id, KeyKind kind, String hash, String last4, Instant createdAt, @Nullable Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }

    SiteKey revokedAt(Instant when) {
        return new SiteKey(id, kind, hash, last4, createdAt, when);
    }
}
