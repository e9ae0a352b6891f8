package com.themepress.server.registry;

import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.server.registry.RegistryViews.AddonSummary;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Browse pages are read far more often than the registry changes, and the same few category pages
 * make up most reads. Keeping them in memory takes the catalogue query (a scan on the embedded
 * store) off the hot path. A page older than {@code catalogue-cache-ttl} is still answered once while
 * a fresh copy loads in the background, so no reader waits for the scan of a hot page; see
 * docs/registry-browse-cache.md for the bounds and the measurements.
 */
@Component
class CatalogueCache {

    record Key(String category, String text, int page, int size) {
    }

    private final LoadingCache<Key, CataloguePage<AddonSummary>> pages;

    @Autowired
    CatalogueCache(RegistryProperties properties, MeterRegistry meters, RegistryService registry) {
        this(properties, meters, key -> registry.browse(key.category(), key.text(), key.page(), key.size()).map(AddonSummary::of));
    }

    CatalogueCache(RegistryProperties properties, MeterRegistry meters, Function<Key, CataloguePage<AddonSummary>> load) {
        this.pages = Caffeine.newBuilder()
                .refreshAfterWrite(properties.catalogueCacheTtl())
                .expireAfterWrite(properties.catalogueCacheMaxAge())
                .maximumSize(properties.catalogueCacheSize())
                .recordStats()
                .build(load::apply);
        CaffeineCacheMetrics.monitor(meters, pages, "registry_catalogue");
    }

    CataloguePage<AddonSummary> get(Key key) {
        return pages.get(key);
    }

    @EventListener
    void on(RegistryChanged change) {
        // A new version can move an addon between categories and pages: drop every page.
        pages.invalidateAll();
    }
}
