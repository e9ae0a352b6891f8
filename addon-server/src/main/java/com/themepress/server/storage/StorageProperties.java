package com.themepress.server.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded MongoDB-wire server keeps its data when no {@code spring.mongodb.uri} is set.
 *
 * @param dataDir folder of the H2 store; created on start
 * @param database database name used on the embedded server
 */
@ConfigurationProperties("themepress.storage")
public record StorageProperties(@DefaultValue(".data/addon-server") Path dataDir,
        @DefaultValue("themepress") String database) {
}
