package com.themepress.server.registry;

import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each addon's current version number, for execute calls. Reading the addon document from the store on
 * every call was a quarter of the addon-server's CPU on the execute path (bench/execute, JFR), for a value
 * that changes only when a version is published or withdrawn. Such a change on any replica arrives here
 * as a {@link RegistryChanged} (this replica's at once, others' over the cluster broadcast) and drops the
 * entry; {@code current-version-ttl} bounds what a lost broadcast can leave stale, as the catalogue's
 * resync does for browsing. Bounded by {@code current-versions} entries.
 */
@Component
class CurrentVersions {

    private final Cache<String, String> versions;
    private final boolean enabled;

    CurrentVersions(RegistryProperties properties) {
        this.enabled = properties.currentVersions() > 0;
        this.versions = Caffeine.newBuilder()
                .maximumSize(properties.currentVersions())
                .expireAfterWrite(properties.currentVersionTtl())
                .build();
    }

    /** The current version of {@code addon}, read with {@code stored} when it is not held. */
    String of(String addon, Supplier<String> stored) {
        return enabled ? versions.get(addon, name -> stored.get()) : stored.get();
    }

    @EventListener
    void on(RegistryChanged change) {
        versions.invalidate(change.addon());
    }
}
