package com.themepress.server.keys;

import com.themepress.server.cluster.ClusterEvent;

/**
 * A developer key was revoked: every replica drops it from its memory of verified keys. Carries the
 * public id, not the secret's hash, so nothing on the pub/sub channel helps anyone find a key.
 */
public record KeyRevoked(String keyId) implements ClusterEvent {
}
