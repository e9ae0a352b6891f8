package com.themepress.server.registry;

import org.jspecify.annotations.Nullable;

import com.themepress.server.events.ClusterEvent;

/**
 * An addon's set of versions changed (publish or withdrawal); caches of it must be dropped. A
 * {@link ClusterEvent}: listeners on every replica hear it.
 *
 * @param subscriber whether the addon's current version declares event subscriptions; null when not known
 */
public record RegistryChanged(String addon, @Nullable Boolean subscriber) implements ClusterEvent {

    public RegistryChanged(String addon) {
        this(addon, null);
    }
}
