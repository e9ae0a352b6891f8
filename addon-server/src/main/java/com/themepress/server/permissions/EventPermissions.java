package com.themepress.server.permissions;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.events.EventPattern;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;

/**
 * The one place that decides whether an addon may publish or receive an event: the type matches a
 * declared {@code events.publishes}/{@code events.subscribes} pattern and the addon holds
 * {@code events.publish}/{@code events.subscribe} in its {@link GrantSource} (today: its manifest
 * requests it). Every publish and every delivery asks here, with the site.
 */
@Component
public class EventPermissions {

    private final GrantSource grants;

    public EventPermissions(GrantSource grants) {
        this.grants = grants;
    }

    /** Why {@code publisher} may not publish {@code type} on {@code site}, or empty when it may. */
    public Optional<String> refusePublish(AddonManifest publisher, String type, @Nullable String site) {
        if (!grants.holds(publisher, Permission.EVENTS_PUBLISH, site)) {
            return Optional.of("addon '" + publisher.name() + "' lacks the permission " + Permission.EVENTS_PUBLISH.id());
        }
        if (!EventPattern.anyMatches(publisher.events().publishes(), type)) {
            return Optional.of("addon '" + publisher.name() + "' does not declare '" + type + "' under events.publishes");
        }
        return Optional.empty();
    }

    /** Whether {@code subscriber} gets {@code type} events (on {@code site}, null for events without one). */
    public boolean mayReceive(AddonManifest subscriber, String type, @Nullable String site) {
        return refuseReceive(subscriber, type, site).isEmpty();
    }

    /** Why {@code subscriber} does not get {@code type} events on {@code site}, or empty when it does. */
    public Optional<String> refuseReceive(AddonManifest subscriber, String type, @Nullable String site) {
        if (!grants.holds(subscriber, Permission.EVENTS_SUBSCRIBE, site)) {
            return Optional.of("addon '" + subscriber.name() + "' lacks the permission " + Permission.EVENTS_SUBSCRIBE.id());
        }
        if (!EventPattern.anyMatches(subscriber.events().subscribes(), type)) {
            return Optional.of("addon '" + subscriber.name() + "' does not subscribe to '" + type + "'");
        }
        return Optional.empty();
    }

    /** Whether {@code addon} could receive any event at all, so the bus keeps a consumer group for it. */
    public boolean isSubscriber(AddonManifest addon) {
        return grants.holds(addon, Permission.EVENTS_SUBSCRIBE, null) && !addon.events().subscribes().isEmpty();
    }
}
