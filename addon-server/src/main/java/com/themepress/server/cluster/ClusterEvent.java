package com.themepress.server.cluster;

/**
 * Marks a record as a cluster-wide broadcast: published through {@link ClusterBroadcasts}, it reaches
 * {@code @EventListener} methods in this replica at once and in every other one over Redis pub/sub.
 * It must survive a JSON round trip (a record of strings and numbers does).
 */
public interface ClusterEvent {
}
