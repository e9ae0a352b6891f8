package com.themepress.server.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the embedded MongoDB-wire server keeps its data when no {@code spring.mongodb.uri} is set.
 *
 * @param dataDir folder of the H2 store; created on start
 * @param database database name used on the embedded server
 */
@Validated
@ConfigurationProperties("themepress.storage")
public record StorageProperties(@DefaultValue(".data/addon-server") @NotNull Path dataDir,
        @DefaultValue("themepress") @NotBlank String database) {
}
