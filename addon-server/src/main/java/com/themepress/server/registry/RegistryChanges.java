package com.themepress.server.registry;

import org.springframework.stereotype.Component;

import com.themepress.server.cluster.ClusterBroadcasts;

/**
 * Announces registry changes to listeners in this server at once and, over Redis pub/sub, in every
 * other replica (whose in-memory catalogues would otherwise miss the change until their next full reload).
 */
@Component
class RegistryChanges {

    private final ClusterBroadcasts broadcasts;
    private final CatalogueIndex catalogue;

    RegistryChanges(ClusterBroadcasts broadcasts, CatalogueIndex catalogue) {
        this.broadcasts = broadcasts;
        this.catalogue = catalogue;
    }

    void publish(AddonDocument changed) {
        // Before the broadcast, so this replica's catalogue has the change before the writer is answered.
        catalogue.apply(changed);
        broadcasts.publish(new RegistryChanged(changed.name(), changed.subscriber(), changed.revision()));
    }
}
