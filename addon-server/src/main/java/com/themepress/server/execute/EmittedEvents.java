package com.themepress.server.execute;

/**
 * Where events carried by execute answers go once they passed the manifest and permission checks.
 * The event bus implements this ({@code com.themepress.server.events.publishing.EventPublisher}).
 */
public interface EmittedEvents {

    void publish(EmittedEvent event);

    /**
     * Throws (503) when events could not be taken now, so execute refuses before the addon acts rather
     * than after. A check, not a reservation: the answer's events are published even if the bound was
     * reached meanwhile.
     */
    default void requireRoom() {
    }
}
