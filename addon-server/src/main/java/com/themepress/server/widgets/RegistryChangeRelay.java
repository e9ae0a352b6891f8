package com.themepress.server.widgets;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.themepress.server.registry.RegistryChanged;

/**
 * Tells every widget-renderer that an addon changed (a version published or withdrawn), through
 * {@link RendererNotice}: each renderer drops the addon's resolution and L1 renders and confirms, and
 * the publish is answered only after that, so a widget request right after a registration gets the new
 * version (before, the chain test saw the old one in about one run in five). A change broadcast from
 * another addon-server replica is relayed again here; renderers evict twice, which costs nothing.
 * Without Redis the renderers fall back on their resolution TTL.
 */
@Component
class RegistryChangeRelay {

    private final RendererNotice renderers;

    RegistryChangeRelay(RendererNotice renderers) {
        this.renderers = renderers;
    }

    @EventListener
    void on(RegistryChanged change) {
        renderers.tellAndConfirm(change.addon());
    }
}
