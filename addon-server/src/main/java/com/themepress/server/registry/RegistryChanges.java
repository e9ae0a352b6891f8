package com.themepress.server.registry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces registry changes inside this server. One place, so that a cluster-wide broadcast
 * (Redis pub/sub, with the event bus) can be added here without touching the registry rules.
 */
@Component
class RegistryChanges {

    private final ApplicationEventPublisher events;

    RegistryChanges(ApplicationEventPublisher events) {
        this.events = events;
    }

    void publish(String addon) {
        events.publishEvent(new RegistryChanged(addon));
    }
}
