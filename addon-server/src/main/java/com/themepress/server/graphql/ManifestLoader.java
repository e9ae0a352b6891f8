package com.themepress.server.graphql;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.server.registry.RegistryReads;

import reactor.core.publisher.Mono;

/**
 * One DataLoader per request for addons' current manifests, by name: every field that needs a
 * manifest ({@code Addon.widgets}, {@code Addon.apis}, {@code Widget.configSchema}) asks it, and each
 * level of the query becomes one {@link RegistryReads#latestManifests} call, at most two store queries
 * however many addons the level holds.
 */
@Component
class ManifestLoader {

    ManifestLoader(BatchLoaderRegistry loaders, RegistryReads registry) {
        loaders.forTypePair(String.class, AddonManifest.class)
                .registerMappedBatchLoader((names, env) -> Mono.fromCallable(() -> registry.latestManifests(names)));
    }
}
