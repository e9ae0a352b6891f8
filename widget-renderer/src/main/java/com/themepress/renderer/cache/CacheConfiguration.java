package com.themepress.renderer.cache;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.github.benmanes.caffeine.cache.Ticker;
import com.themepress.model.redis.ListenerStarter;
import com.themepress.model.redis.ListenerThreads;

import io.lettuce.core.ClientOptions;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    /** Time for the caches; tests swap in a fake one to expire entries without waiting. */
    @Bean
    @ConditionalOnMissingBean
    Ticker cacheTicker() {
        return Ticker.systemTicker();
    }

    /**
     * While Redis is unreachable, commands fail at once instead of queueing until the command
     * timeout: a renderer without Redis serves from L1 and renders, it does not wait.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Spring Data Redis needs the listener container declared; it resubscribes after Redis comes back. */
    @Bean
    RedisMessageListenerContainer registryChangeListener(RedisConnectionFactory connections, CacheProperties properties,
            CacheInvalidation invalidation) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(ListenerThreads.single("registry-change-listener"));
        container.addMessageListener(invalidation, new ChannelTopic(properties.channel()));
        container.setAutoStartup(false); // a renderer starts without Redis: the starter below retries
        return container;
    }

    @Bean
    ListenerStarter registryChangeListenerStarter(RedisMessageListenerContainer registryChangeListener) {
        return new ListenerStarter(registryChangeListener);
    }
}
