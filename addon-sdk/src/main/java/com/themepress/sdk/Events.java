package com.themepress.sdk;

/** Publishing events through the host API; the platform sets {@code source} (this addon) and {@code site} (the call's). */
public interface Events {

    /** Publishes {@code type} with {@code data} (anything {@link Json#tree} takes); the type must be one the manifest declares. */
    void publish(String type, Object data);
}
