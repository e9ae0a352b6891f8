package com.themepress.server.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catalogueCacheTtl    age after which a browse page is reloaded in the background (the next
 *                             reader still gets the cached copy). Changes made through any replica
 *                             evict at once by broadcast; this bounds staleness when a broadcast is lost.
 * @param catalogueCacheMaxAge age after which a page is dropped and the next reader waits for a load
 * @param catalogueCacheSize how many distinct browse pages are kept
 */
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("2s") Duration catalogueCacheTtl,
        @DefaultValue("10s") Duration catalogueCacheMaxAge,
        @DefaultValue("2000") int catalogueCacheSize) {

    public RegistryProperties {
        if (catalogueCacheMaxAge.compareTo(catalogueCacheTtl) <= 0) {
            throw new IllegalArgumentException("themepress.registry.catalogue-cache-max-age must be longer than catalogue-cache-ttl");
        }
    }
}
