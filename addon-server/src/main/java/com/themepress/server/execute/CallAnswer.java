package com.themepress.server.execute;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a caller with an {@code Idempotency-Key} was answered, kept for its repeats until
 * {@code expiresAt}. {@code fingerprint} identifies the request, so that the key reused for another
 * request is refused rather than answered.
 */
public record CallAnswer(String fingerprint, int status, @Nullable String contentType, @Nullable String instanceId,
        byte[] body, Instant expiresAt) {
}
