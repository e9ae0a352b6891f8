package com.themepress.server.registry;

import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.server.registry.RegistryViews.AddonSummary;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Browse pages are read far more often than the registry changes, and the same few category pages
 * make up most reads. Keeping them briefly in memory takes the catalogue query (a scan on the
 * embedded store) off the hot path; see docs/registry-browse-cache.md for the measurements.
 */
@Component
class CatalogueCache {

    record Key(String category, String text, int page, int size) {
    }

    private final Cache<Key, CataloguePage<AddonSummary>> pages;

    CatalogueCache(RegistryProperties properties, MeterRegistry meters) {
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(properties.catalogueCacheTtl())
                .maximumSize(properties.catalogueCacheSize())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, pages, "registry_catalogue");
    }

    CataloguePage<AddonSummary> get(Key key, Supplier<CataloguePage<AddonSummary>> load) {
        return pages.get(key, k -> load.get());
    }

    @EventListener
    void on(RegistryChanged change) {
        // A new version can move an addon between categories and pages: drop every page.
        pages.invalidateAll();
    }
}
