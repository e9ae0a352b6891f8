package com.themepress.server.registry;

/** An addon's set of versions changed (publish or withdrawal); caches of it must be dropped. */
public record RegistryChanged(String addon) {
}
