package com.themepress.server.keys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A key as an admin sees it in a listing: never the secret nor its hash, only what tells keys apart.
 *
 * @param lastFour the secret's last four characters; null for keys issued before they were kept
 */
record KeyView(String id, String developer, Instant createdAt, @Nullable String lastFour, boolean revoked,
        @Nullable Instant revokedAt) {

    static KeyView of(ApiKeyDocument key) {
        return new KeyView(key.keyId(), key.developer(), key.createdAt(), key.lastFour(), key.revoked(), key.revokedAt());
    }
}
