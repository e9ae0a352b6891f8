package com.themepress.server.events.streams;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.themepress.server.cluster.BroadcastTransport;
import com.themepress.server.events.EventProperties;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;

/**
 * Wires the bus onto Boot's Redis settings ({@code spring.data.redis.host}, {@code .port},
 * {@code .url}, {@code .password}, {@code .database}, {@code .ssl}): the streams use their own Lettuce
 * connections built from the same connection factory Boot configured, with fail-fast behaviour.
 * Cluster broadcasts leave on the same connection.
 */
@Configuration(proxyBeanMethods = false)
class StreamsConfiguration {

    @Bean(destroyMethod = "close")
    EventStreams eventStreams(RedisConnectionFactory factory, ObjectProvider<ClientResources> resources, EventProperties properties) {
        return new EventStreams(redisUri(factory, properties), resources.getIfAvailable(), properties);
    }

    @Bean
    BroadcastTransport broadcastTransport(EventStreams streams) {
        return new BroadcastTransport() {
            @Override
            public String channel() {
                return streams.broadcastChannel();
            }

            @Override
            public long send(String message) {
                return streams.publish(streams.broadcastChannel(), message);
            }
        };
    }

    static RedisURI redisUri(RedisConnectionFactory factory, EventProperties properties) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("The event bus needs Lettuce (spring-boot-starter-data-redis's default client)");
        }
        if (lettuce.getClusterConfiguration() != null || lettuce.getSentinelConfiguration() != null) {
            throw new IllegalStateException("The event bus supports a standalone Redis (spring.data.redis.host/port or url)");
        }
        RedisStandaloneConfiguration standalone = lettuce.getStandaloneConfiguration();
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(standalone.getHostName())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withSsl(lettuce.isUseSsl())
                .withTimeout(properties.commandTimeout());
        standalone.getPassword().toOptional().ifPresent(password -> {
            if (standalone.getUsername() != null) {
                uri.withAuthentication(standalone.getUsername(), password);
            } else {
                uri.withPassword(password);
            }
        });
        return uri.build();
    }
}
