package com.themepress.server.cluster;

/**
 * This replica has (re)subscribed to the broadcast channel, at start or after losing Redis. Any
 * broadcast sent while it was not subscribed is lost for good, so a cache that only a broadcast keeps
 * right (verified API keys, say) should drop what it holds. A local Spring event, never sent to
 * other replicas.
 */
public record BroadcastsResubscribed() {
}
