package com.themepress.server.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import org.springframework.util.unit.DataSize;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the embedded MongoDB-wire server keeps its data when no {@code spring.mongodb.uri} is set.
 *
 * @param dataDir folder of the H2 store; created on start
 * @param database database name used on the embedded server
 * @param cacheSize bound on the embedded store's page cache (H2 weighs a cached document at its
 *                  serialised size; its heap is a few times more)
 * @param compactBelow on a clean stop, the store's file is rewritten with its live pages only when they
 *                     fill less than this percent of it (0: never; {@link EmbeddedMongo#close})
 */
@Validated
@ConfigurationProperties("themepress.storage")
public record StorageProperties(@DefaultValue(".data/addon-server") @NotNull Path dataDir,
        @DefaultValue("themepress") @NotBlank String database, @DefaultValue("8MB") @NotNull DataSize cacheSize,
        @DefaultValue("50") @Min(0) @Max(99) int compactBelow) {

    @AssertTrue(message = "must be between 1MB and 1024MB")
    boolean isCacheSizeInRange() {
        return cacheSize == null || (cacheSize.toMegabytes() >= 1 && cacheSize.toMegabytes() <= 1024);
    }

    int cacheMegabytes() {
        return (int) cacheSize.toMegabytes();
    }
}
