package com.themepress.server.registry;

import org.jspecify.annotations.Nullable;

import com.themepress.server.cluster.ClusterEvent;

/**
 * An addon's set of versions changed (publish or withdrawal); caches of it must be dropped. A
 * {@link ClusterEvent}: listeners on every replica hear it.
 *
 * @param subscriber whether the addon's current version declares event subscriptions; null when not known
 * @param revision   the addon document's revision after the change, so a listener that already holds
 *                   it (the replica that made the change) can skip reading it back; null when not known
 */
public record RegistryChanged(String addon, @Nullable Boolean subscriber, @Nullable Long revision) implements ClusterEvent {

    public RegistryChanged(String addon) {
        this(addon, null, null);
    }
}
