package com.themepress.server.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catalogueResyncInterval how often the in-memory catalogue is reloaded from the store in full.
 *                                Changes on any replica reach it at once; the reload repairs what a
 *                                lost broadcast left behind, and costs one read of every listed addon.
 */
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("10m") Duration catalogueResyncInterval) {

    public RegistryProperties {
        if (catalogueResyncInterval.isNegative() || catalogueResyncInterval.isZero()) {
            throw new IllegalArgumentException("themepress.registry.catalogue-resync-interval must be positive");
        }
    }
}
