package com.themepress.server.widgets;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.server.cluster.ClusterBroadcasts;
import com.themepress.server.registry.RegistryChanged;

/**
 * Tells every widget-renderer that an addon changed (a version published or withdrawn), through
 * {@link RendererNotice}: each renderer drops the addon's resolution and L1 renders and confirms, and
 * the publish is answered only after that, so a widget request right after a registration gets the new
 * version (before, the chain test saw the old one in about one run in five). Only the replica where
 * the change happened tells the renderers: the others hear it too, and repeating it would make each
 * of them wait on its broadcast listener thread for the renderers' confirmations. Without Redis the
 * renderers fall back on their resolution TTL.
 */
@Component
class RegistryChangeRelay {

    private final RendererNotice renderers;

    RegistryChangeRelay(RendererNotice renderers) {
        this.renderers = renderers;
    }

    @EventListener
    void on(RegistryChanged change) {
        if (!ClusterBroadcasts.fromAnotherReplica()) {
            renderers.tellAndConfirm(change.addon());
        }
    }
}
