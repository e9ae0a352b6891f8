package com.themepress.server.execute;

/**
 * Where events carried by execute answers go once they passed the manifest and permission checks.
 * The event bus implements this ({@code com.themepress.server.events.publishing.EventPublisher}).
 */
public interface EmittedEvents {

    void publish(EmittedEvent event);
}
