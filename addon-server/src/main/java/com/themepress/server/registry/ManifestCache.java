package com.themepress.server.registry;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.schema.JsonSchemaCheck;
import com.themepress.model.schema.StrictJson;

/**
 * Parsed manifests by version id. Execute calls (anonymous ones included) and widget resolutions read
 * the current version's manifest; parsing its stored text on each call made a large manifest cost
 * many times its size per request. Versions are immutable, so entries are never stale; the cache is
 * bounded in bytes, each weighed at its estimated heap from the stored text's length.
 */
@Component
class ManifestCache {

    private record Parsed(AddonManifest manifest, int weight) {
    }

    private final Cache<String, Parsed> manifests;

    ManifestCache(RegistryProperties properties) {
        this.manifests = Caffeine.newBuilder()
                .maximumWeight(properties.manifestCache().toBytes())
                .weigher((String id, Parsed parsed) -> parsed.weight())
                .build();
    }

    AddonManifest get(String versionId, Supplier<String> storedText) {
        return manifests.get(versionId, id -> {
            String text = storedText.get();
            return new Parsed(StrictJson.mapper().readValue(text, AddonManifest.class),
                    id.length() + JsonSchemaCheck.HEAP_PER_SOURCE_BYTE * text.length());
        }).manifest();
    }

    /** The parsed manifest if it is held, without reading the store: lets a batch read only the misses. */
    @Nullable AddonManifest ifCached(String versionId) {
        Parsed parsed = manifests.getIfPresent(versionId);
        return parsed == null ? null : parsed.manifest();
    }

    /** Held bytes, as weighed (after pending evictions ran). */
    long weightedSize() {
        manifests.cleanUp();
        return manifests.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }
}
