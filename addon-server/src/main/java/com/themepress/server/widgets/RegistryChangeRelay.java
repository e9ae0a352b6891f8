package com.themepress.server.widgets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.themepress.server.registry.RegistryChanged;

/**
 * Tells every widget-renderer that an addon changed: its name is published on
 * {@link com.themepress.model.cluster.BroadcastChannels#REGISTRY_CHANGES} (setting
 * {@code themepress.widgets.registry-changes-channel}), and each renderer drops the addon's resolution and L1 renders.
 * It runs inside the publish, before the registration is answered; each renderer evicts when the
 * message reaches its listener, so a widget request right after the answer may still be served the
 * old version (the chain test saw it in about one run in five). Waiting for the renderers to confirm, as key revocation
 * does ({@code ClusterBroadcasts#publishAndConfirm}), would close that gap. A change broadcast from another addon-server replica is relayed again here;
 * renderers evict twice, which costs nothing. Best effort like all pub/sub: without Redis the
 * renderers fall back on their resolution TTL.
 */
@Component
class RegistryChangeRelay {

    private static final Logger log = LoggerFactory.getLogger(RegistryChangeRelay.class);

    private final StringRedisTemplate redis;
    private final String channel;

    RegistryChangeRelay(StringRedisTemplate redis, WidgetsProperties properties) {
        this.redis = redis;
        this.channel = properties.registryChangesChannel();
    }

    @EventListener
    void on(RegistryChanged change) {
        try {
            redis.convertAndSend(channel, change.addon());
        } catch (RuntimeException e) {
            log.warn("Renderers were not told that {} changed; Redis is unreachable ({})", change.addon(), e.getMessage());
        }
    }
}
