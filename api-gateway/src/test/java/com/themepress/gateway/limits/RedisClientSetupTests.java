package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The rate limiter sends one Redis command per request; Boot would make each an observation (a context, a
 * span and tags per request). The gateway excludes that set-up: no customizer adds tracing to the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.services.addon-server=http://127.0.0.1:9", "themepress.services.widget-renderer=http://127.0.0.1:9"})
class RedisClientSetupTests {

    @Autowired
    ApplicationContext context;

    @Test
    void addsNoObservationToRedisCommands() {
        assertThat(context.getBeansOfType(ClientResourcesBuilderCustomizer.class)).doesNotContainKey("lettuceObservation");
        assertThat(context.getBean(RateLimiter.class).enabled()).isTrue();
    }
}
