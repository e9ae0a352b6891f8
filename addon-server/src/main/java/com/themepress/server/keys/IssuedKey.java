package com.themepress.server.keys;

import java.time.Instant;

/** A freshly issued key: the only moment the secret is ever shown. */
record IssuedKey(String id, String developer, String key, Instant createdAt) {
}
