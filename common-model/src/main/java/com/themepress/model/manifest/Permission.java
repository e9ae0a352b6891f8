package com.themepress.model.manifest;

import java.util.Arrays;
import java.util.Optional;

/** The fixed vocabulary of host capabilities a manifest may request and an installation may grant. */
public enum Permission {
    EVENTS_PUBLISH("events.publish"),
    EVENTS_SUBSCRIBE("events.subscribe"),
    STORAGE_READ("storage.read"),
    STORAGE_WRITE("storage.write"),
    NETWORK_OUTBOUND("network.outbound"),
    SITE_READ("site.read");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Permission> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
