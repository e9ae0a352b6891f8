package com.themepress.server.widgets;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.themepress.model.cluster.BroadcastChannels;

/**
 * Tells the widget renderers that an addon changed for some site, and waits until each renderer
 * that heard it has dropped what it cached (it pushes a confirmation; see
 * {@link BroadcastChannels#REGISTRY_CHANGES}). So a site admin's config change is what the next
 * page view renders, not a cached render of the old config. Bounded by {@code renderer-confirm-timeout}:
 * a renderer that misses the message (pub/sub is at most once) still drops the site's config when
 * its resolution expires.
 */
@Component
public class RendererNotice {

    private static final Logger log = LoggerFactory.getLogger(RendererNotice.class);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private final StringRedisTemplate redis;
    private final String channel;
    private final Duration timeout;

    RendererNotice(StringRedisTemplate redis, WidgetsProperties properties) {
        this.redis = redis;
        this.channel = properties.registryChangesChannel();
        this.timeout = properties.rendererConfirmTimeout();
    }

    /** True when every renderer that received the notice confirmed it in time (also when none listens). */
    public boolean tellAndConfirm(String addon) {
        String id = UUID.randomUUID().toString();
        String confirmations = BroadcastChannels.confirmations(channel, id);
        try {
            Long receivers = redis.convertAndSend(channel, addon + " " + id);
            long expected = receivers == null ? 0 : receivers;
            long deadline = System.nanoTime() + timeout.toNanos();
            long confirmed = 0;
            while (true) {
                Long size = redis.opsForList().size(confirmations);
                confirmed = size == null ? 0 : size;
                if (confirmed >= expected || System.nanoTime() - deadline >= 0) {
                    break;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            redis.delete(confirmations);
            if (confirmed < expected) {
                log.warn("Only {} of {} renderers confirmed that {} changed within {}; the others drop it when their resolution expires",
                        confirmed, expected, addon, timeout);
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Renderers were not told that {} changed; Redis is unreachable ({})", addon, e.getMessage());
            return false;
        }
    }
}
