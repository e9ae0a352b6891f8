package com.themepress.server.execute;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One execute call made under an {@code Idempotency-Key}: claimed ({@code done} false) while the addon
 * works, then the answer the caller got. The id is a hash of the caller's scope, the addon and the key,
 * so callers cannot collide or read each other's answers. {@code fingerprint} is the hash of the
 * request's action and data: the same key with another request is refused.
 */
@Document("execute_calls")
record IdempotentCall(@Id String id, String fingerprint, boolean done, int status, @Nullable String contentType,
        @Nullable String instanceId, byte @Nullable [] body, Instant createdAt, Instant expiresAt) {

    static IdempotentCall claim(String id, String fingerprint, Instant now, Instant expiresAt) {
        return new IdempotentCall(id, fingerprint, false, 0, null, null, null, now, expiresAt);
    }

    static IdempotentCall of(String id, CallAnswer answer, Instant now) {
        return new IdempotentCall(id, answer.fingerprint(), true, answer.status(), answer.contentType(), answer.instanceId(),
                answer.body(), now, answer.expiresAt());
    }

    CallAnswer answer() {
        return new CallAnswer(fingerprint, status, contentType, instanceId, body == null ? new byte[0] : body, expiresAt);
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
