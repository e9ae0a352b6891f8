package com.themepress.server.events;

import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import com.themepress.model.redis.ListenerStarter;
import com.themepress.model.redis.ListenerThreads;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the bus onto Boot's Redis settings ({@code spring.data.redis.host}, {@code .port},
 * {@code .url}, {@code .password}, {@code .database}, {@code .ssl}): the streams use their own Lettuce
 * connections built from the same connection factory Boot configured, with fail-fast behaviour.
 */
@Configuration(proxyBeanMethods = false)
class EventBusConfiguration {

    @Bean(destroyMethod = "close")
    EventStreams eventStreams(RedisConnectionFactory factory, ObjectProvider<ClientResources> resources, EventProperties properties) {
        return new EventStreams(redisUri(factory, properties), resources.getIfAvailable(), properties);
    }

    @Bean
    EventMetrics eventMetrics(MeterRegistry meters) {
        return new EventMetrics(meters);
    }

    @Bean(destroyMethod = "close")
    DeliveryEngine deliveryEngine(EventStreams streams, SubscriberDelivery delivery, DeadLetterSink deadLetters,
            EventPermissions permissions, EventProperties properties, Clock clock, EventMetrics metrics) {
        String consumer = properties.consumerName() != null ? properties.consumerName() : defaultConsumerName();
        return new DeliveryEngine(streams, delivery, deadLetters, permissions, properties, clock, metrics, consumer);
    }

    /** Pub/sub needs a listener container declared explicitly; once started it resubscribes by itself after Redis outages. */
    @Bean
    RedisMessageListenerContainer clusterBroadcastListener(RedisConnectionFactory factory, ClusterBroadcasts broadcasts) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setTaskExecutor(ListenerThreads.single("cluster-broadcast-listener"));
        container.addMessageListener(broadcasts, ChannelTopic.of(broadcasts.channel()));
        container.setRecoveryBackoff(new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS));
        container.setAutoStartup(false); // started by the starter below, which tolerates a missing Redis
        return container;
    }

    @Bean
    ListenerStarter clusterBroadcastListenerStarter(RedisMessageListenerContainer clusterBroadcastListener) {
        return new ListenerStarter(clusterBroadcastListener);
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

    private static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "addon-server";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
