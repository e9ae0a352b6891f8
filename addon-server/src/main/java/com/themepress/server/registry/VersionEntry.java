package com.themepress.server.registry;

import java.time.Instant;

/** One version as listed on its addon's document, so that version lookups need no scan. */
record VersionEntry(String version, boolean withdrawn, Instant registeredAt, Instant withdrawnAt) {

    String key() {
        return AddonVersionDocument.keyOf(version);
    }

    VersionEntry withdraw(Instant when) {
        return new VersionEntry(version, true, registeredAt, when);
    }
}
