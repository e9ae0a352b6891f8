package com.themepress.server.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catalogueCacheTtl how long a browse page may be served from memory. Changes made through
 *                          this server evict at once; the TTL bounds staleness from other replicas.
 * @param catalogueCacheSize how many distinct browse pages are kept
 */
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("2s") Duration catalogueCacheTtl,
        @DefaultValue("2000") int catalogueCacheSize) {
}
