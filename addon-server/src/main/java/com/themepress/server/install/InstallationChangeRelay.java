package com.themepress.server.install;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.themepress.server.widgets.WidgetsProperties;

/**
 * Tells the widget renderers that a site's installation of an addon changed, on the same channel as
 * registry changes: they drop what they cached for the addon, its site configs included, so the next
 * render uses the new config. The render cache keys carry a hash of the config, so a render of the
 * old config is never served for the new one even before that.
 */
@Component
class InstallationChangeRelay {

    private static final Logger log = LoggerFactory.getLogger(InstallationChangeRelay.class);

    private final StringRedisTemplate redis;
    private final String channel;

    InstallationChangeRelay(StringRedisTemplate redis, WidgetsProperties properties) {
        this.redis = redis;
        this.channel = properties.registryChangesChannel();
    }

    @EventListener
    void on(InstallationChanged change) {
        try {
            redis.convertAndSend(channel, change.addon());
        } catch (RuntimeException e) {
            log.warn("Renderers were not told that {} on {} changed; Redis is unreachable ({})", change.addon(), change.site(), e.getMessage());
        }
    }
}
