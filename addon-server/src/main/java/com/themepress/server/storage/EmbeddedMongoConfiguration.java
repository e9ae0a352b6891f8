package com.themepress.server.storage;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Falls back to {@link EmbeddedMongo} when no MongoDB is configured. It plugs in as Boot's
 * {@link MongoConnectionDetails}, so everything downstream (client, templates, health) is Boot's
 * ordinary MongoDB setup talking to a real wire protocol.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
class EmbeddedMongoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMongo embeddedMongo(StorageProperties properties) {
        return EmbeddedMongo.start(properties.dataDir(), properties.cacheMegabytes(), properties.compactBelow());
    }

    /** Writes per flush is how well group commit batches: near 1 means the disk's sync rate bounds writes. */
    @Bean
    MeterBinder embeddedStoreMetrics(EmbeddedMongo mongo) {
        return registry -> {
            FunctionCounter.builder("themepress.storage.durable.writes", mongo, EmbeddedMongo::durableWrites)
                    .description("Writes to the embedded store answered after they were on disk").register(registry);
            FunctionCounter.builder("themepress.storage.flushes", mongo, EmbeddedMongo::flushes)
                    .description("Commits and syncs of the embedded store, each covering every write that waited").register(registry);
            FunctionCounter.builder("themepress.storage.scans", mongo, EmbeddedMongo::scans)
                    .description("Queries the embedded store answered by reading a whole collection (no index fitted)").register(registry);
        };
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongo mongo, StorageProperties properties) {
        ConnectionString connectionString = new ConnectionString(mongo.connectionString(properties.database()));
        return () -> connectionString;
    }
}
