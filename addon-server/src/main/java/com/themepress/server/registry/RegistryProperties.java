package com.themepress.server.registry;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param catalogueResyncInterval how often the in-memory catalogue is reloaded from the store in full.
 *                                Changes on any replica reach it at once; the reload repairs what a
 *                                lost broadcast left behind, and costs one read of every listed addon.
 * @param manifestCache           bound on the parsed manifests kept for execute calls and widget resolutions (one
 *                                per version; each weighed at 24 bytes per byte of its stored JSON)
 * @param catalogueMaxBytes       bound on the estimated heap of the in-memory catalogue (about 0.55 KB per
 *                                listed addon); past it, further addons are left out and counted
 *                                ({@code registry_catalogue_refused}) until room is made or the bound raised
 * @param catalogueLoadBatch      addons read from the store per batch when the catalogue (re)loads
 * @param catalogueLoadWait       how long a request made before the first load has finished waits for it
 *                                before it is answered 503
 * @param currentVersions         how many addons' current version number each replica keeps in memory for
 *                                execute calls (0: read the addon from the store on every call)
 * @param currentVersionTtl       how long one is kept at most: changes on any replica drop it at once, this
 *                                bounds what a lost broadcast can leave stale
 */
@Validated
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration catalogueResyncInterval,
        @DefaultValue("16MB") @NotNull DataSize manifestCache, @DefaultValue("64MB") @NotNull DataSize catalogueMaxBytes,
        @DefaultValue("500") @Min(1) @Max(10_000) int catalogueLoadBatch,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 0) Duration catalogueLoadWait,
        @DefaultValue("20000") @Min(0) @Max(10_000_000) int currentVersions,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration currentVersionTtl) {

    @ConstructorBinding
    public RegistryProperties {
    }

    /** The shipped defaults for the catalogue's bound and loading, with the given resync and manifest cache (tests). */
    RegistryProperties(Duration catalogueResyncInterval, DataSize manifestCache) {
        this(catalogueResyncInterval, manifestCache, DataSize.ofMegabytes(64), 500, Duration.ofSeconds(5), 20_000,
                Duration.ofSeconds(30));
    }

    @AssertTrue(message = "must be at least 1MB")
    boolean isCatalogueMaxBytesAtLeast1MB() {
        return catalogueMaxBytes == null || catalogueMaxBytes.toBytes() >= 1024 * 1024;
    }

    @AssertTrue(message = "must be at least 1MB, room for the largest manifest")
    boolean isManifestCacheAtLeast1MB() {
        return manifestCache == null || manifestCache.toBytes() >= 1024 * 1024;
    }
}
