package com.themepress.server.keys;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A developer key as stored: only the SHA-256 of the secret, which is also the document id, so that
 * authenticating is one lookup by id. Keys are 256 random bits, so a fast hash is enough; a slow
 * password hash would only slow down every authenticated call.
 */
@Document("api_keys")
record ApiKeyDocument(@Id String secretHash, String keyId, String developer, Instant createdAt) {
}
