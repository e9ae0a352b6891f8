package com.themepress.server.keys;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A developer key as stored: only the SHA-256 of the secret, which is also the document id, so that
 * authenticating is one lookup by id. Keys are 256 random bits, so a fast hash is enough; a slow
 * password hash would only slow down every authenticated call.
 *
 * @param keyId     the public id an admin lists and revokes the key by
 * @param lastFour  the secret's last four characters, so an admin can tell which key a developer holds
 *                  (24 of its 256 bits); null for keys issued before it was kept
 * @param revokedAt when the key was revoked; null while it is valid. A revoked key stays listed.
 */
@Document("api_keys")
record ApiKeyDocument(@Id String secretHash, String keyId, String developer, Instant createdAt,
        @Nullable String lastFour, @Nullable Instant revokedAt) {

    boolean revoked() {
        return revokedAt != null;
    }

    ApiKeyDocument revokedAt(Instant when) {
        return new ApiKeyDocument(secretHash, keyId, developer, createdAt, lastFour, when);
    }
}
