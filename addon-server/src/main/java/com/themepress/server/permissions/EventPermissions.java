package com.themepress.server.permissions;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.events.EventPattern;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EventSubscription;
import com.themepress.model.manifest.Permission;

/**
 * The one place that decides whether an addon may publish or receive an event: the type matches a
 * declared {@code events.publishes}/{@code events.subscribes} pattern, a subscription also accepts
 * the event's source, and the addon holds {@code events.publish}/{@code events.subscribe} in its
 * {@link GrantSource} (today: its manifest requests it). Every publish and every delivery asks here,
 * with the site.
 */
@Component
public class EventPermissions {

    /** What delivery does with one event for one subscriber. */
    public enum Receipt {
        /** A subscription accepts the event's type and its source. */
        DELIVER,
        /** The subscriber lacks {@code events.subscribe} there, or subscribes to no such type. */
        NOT_SUBSCRIBED,
        /** Subscriptions take the type, but none of them accepts the addon that published it. */
        SOURCE_REFUSED
    }

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

    /**
     * Whether {@code subscriber} gets a {@code type} event that {@code source} published (on
     * {@code site}, null for events without one). Subscriptions add up: one that accepts both the type
     * and the source is enough, so a plain {@code "payment.*"} beside a {@code from} list for
     * {@code payment.completed} still lets every source through.
     */
    public Receipt receipt(AddonManifest subscriber, String type, @Nullable String source, @Nullable String site) {
        if (!grants.holds(subscriber, Permission.EVENTS_SUBSCRIBE, site)) {
            return Receipt.NOT_SUBSCRIBED;
        }
        boolean typeTaken = false;
        for (EventSubscription subscription : subscriber.events().subscribes()) {
            if (subscription.matches(type)) {
                if (subscription.accepts(source)) {
                    return Receipt.DELIVER;
                }
                typeTaken = true;
            }
        }
        return typeTaken ? Receipt.SOURCE_REFUSED : Receipt.NOT_SUBSCRIBED;
    }

    /** Why {@code subscriber} does not get {@code type} events from {@code source} on {@code site}, or empty when it does. */
    public Optional<String> refuseReceive(AddonManifest subscriber, String type, @Nullable String source, @Nullable String site) {
        return switch (receipt(subscriber, type, source, site)) {
            case DELIVER -> Optional.empty();
            case SOURCE_REFUSED -> Optional.of("addon '" + subscriber.name() + "' does not accept '" + type + "' from '" + source + "'");
            case NOT_SUBSCRIBED -> Optional.of(grants.holds(subscriber, Permission.EVENTS_SUBSCRIBE, site)
                    ? "addon '" + subscriber.name() + "' does not subscribe to '" + type + "'"
                    : "addon '" + subscriber.name() + "' lacks the permission " + Permission.EVENTS_SUBSCRIBE.id());
        };
    }

    /** Whether {@code addon} could receive any event at all, so the bus keeps a consumer group for it. */
    public boolean isSubscriber(AddonManifest addon) {
        return grants.holds(addon, Permission.EVENTS_SUBSCRIBE, null) && !addon.events().subscribes().isEmpty();
    }
}
