package com.themepress.server.registry;

import com.themepress.server.events.ClusterEvent;

/**
 * An addon's set of versions changed (publish or withdrawal); caches of it must be dropped. A
 * {@link ClusterEvent}: listeners on every replica hear it.
 */
public record RegistryChanged(String addon) implements ClusterEvent {
}
