package com.themepress.server.registry;

import org.springframework.stereotype.Component;

import com.themepress.server.events.ClusterBroadcasts;

/**
 * Announces registry changes to listeners in this server at once and, over Redis pub/sub, in every
 * other replica (whose catalogue caches would otherwise serve stale pages until their TTL).
 */
@Component
class RegistryChanges {

    private final ClusterBroadcasts broadcasts;

    RegistryChanges(ClusterBroadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    void publish(AddonDocument changed) {
        broadcasts.publish(new RegistryChanged(changed.name(), changed.subscriber()));
    }
}
