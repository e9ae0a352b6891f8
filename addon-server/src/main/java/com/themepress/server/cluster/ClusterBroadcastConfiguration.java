package com.themepress.server.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import com.themepress.model.redis.ListenerStarter;
import com.themepress.model.redis.ListenerThreads;

/** Listens for other replicas' broadcasts on Boot's Redis connection factory. */
@Configuration(proxyBeanMethods = false)
class ClusterBroadcastConfiguration {

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
}
