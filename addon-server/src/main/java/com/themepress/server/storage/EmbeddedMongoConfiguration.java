package com.themepress.server.storage;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.mongodb.ConnectionString;

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
        return EmbeddedMongo.start(properties.dataDir());
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongo mongo, StorageProperties properties) {
        ConnectionString connectionString = new ConnectionString(mongo.connectionString(properties.database()));
        return () -> connectionString;
    }
}
