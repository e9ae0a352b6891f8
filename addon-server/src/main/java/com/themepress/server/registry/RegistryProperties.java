package com.themepress.server.registry;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * @param catalogueResyncInterval how often the in-memory catalogue is reloaded from the store in full.
 *                                Changes on any replica reach it at once; the reload repairs what a
 *                                lost broadcast left behind, and costs one read of every listed addon.
 * @param manifestCache           bound on the parsed manifests kept for execute calls and widget resolutions (one
 *                                per version; each weighed at 24 bytes per byte of its stored JSON)
 */
@Validated
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration catalogueResyncInterval,
        @DefaultValue("16MB") @NotNull DataSize manifestCache) {

    @AssertTrue(message = "must be at least 1MB, room for the largest manifest")
    boolean isManifestCacheAtLeast1MB() {
        return manifestCache == null || manifestCache.toBytes() >= 1024 * 1024;
    }
}
