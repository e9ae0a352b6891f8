package com.themepress.server.storage;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.WriteConcern;

/**
 * Every write waits for a majority of the replica set, each in its journal, before the driver
 * returns: what a real MongoDB needs so that an answered write outlives a crash or a failover. It
 * replaces any write concern in {@code spring.mongodb.uri}, because the platform's answers promise
 * it. The embedded server has no replicas and ignores the concern; {@link DurableH2Backend} keeps the
 * same promise there.
 */
@Configuration(proxyBeanMethods = false)
class DurableWrites {

    static final WriteConcern CONCERN = WriteConcern.MAJORITY.withJournal(true).withWTimeout(10, TimeUnit.SECONDS);

    @Bean
    MongoClientSettingsBuilderCustomizer majorityJournaledWrites() {
        return settings -> settings.writeConcern(CONCERN);
    }
}
