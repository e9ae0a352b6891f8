package com.themepress.renderer.cache;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Listens on the registry-changes channel ({@link com.themepress.model.cluster.BroadcastChannels#REGISTRY_CHANGES} unless
 * {@code themepress.widgets.cache.channel} says otherwise; the message is an addon name: a version was published
 * or withdrawn, or a site's config of it changed) and drops everything this renderer keeps about
 * that addon: its resolution and its L1 renders. L2 needs no eviction: its keys carry the version
 * and the config hash, so after re-resolution the old entries are simply never asked for again.
 */
@Component
public class CacheInvalidation implements MessageListener {

    /** Something that caches per addon and must forget it on a change. */
    public interface Evictable {
        void evictAddon(String addon);
    }

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidation.class);

    private final List<Evictable> caches;
    private final WidgetCache renders;

    CacheInvalidation(List<Evictable> caches, WidgetCache renders) {
        this.caches = caches;
        this.renders = renders;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String addon = new String(message.getBody(), StandardCharsets.UTF_8).strip();
        if (addon.isEmpty() || addon.length() > 64) {
            return;
        }
        log.debug("Registry change for {}: evicting its resolutions and L1 renders", addon);
        caches.forEach(c -> c.evictAddon(addon));
        renders.evictAddon(addon);
    }
}
