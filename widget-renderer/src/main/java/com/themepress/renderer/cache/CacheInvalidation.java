package com.themepress.renderer.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.themepress.model.cluster.BroadcastChannels;

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

    private static final Duration CONFIRMATION_KEPT = Duration.ofMinutes(1);

    private final List<Evictable> caches;
    private final WidgetCache renders;
    private final StringRedisTemplate redis;
    private final String channel;

    CacheInvalidation(List<Evictable> caches, WidgetCache renders, StringRedisTemplate redis, CacheProperties properties) {
        this.caches = caches;
        this.renders = renders;
        this.redis = redis;
        this.channel = properties.channel();
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String[] parts = new String(message.getBody(), StandardCharsets.UTF_8).strip().split(" ", 2);
        String addon = parts[0];
        if (addon.isEmpty() || addon.length() > 64) {
            return;
        }
        log.debug("Registry change for {}: evicting its resolutions and L1 renders", addon);
        caches.forEach(c -> c.evictAddon(addon));
        renders.evictAddon(addon);
        if (parts.length == 2 && parts[1].length() <= 64) {
            confirm(parts[1]);
        }
    }

    /** Tells the publisher this renderer will not serve what it held before the change. */
    private void confirm(String id) {
        String key = BroadcastChannels.confirmations(channel, id);
        try {
            redis.opsForList().rightPush(key, "evicted");
            redis.expire(key, CONFIRMATION_KEPT);
        } catch (RuntimeException e) {
            log.warn("Could not confirm change {} ({}); its publisher waits for its timeout", id, e.getMessage());
        }
    }
}
