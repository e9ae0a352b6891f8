package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;

/**
 * The rate limiter sends one Redis command per request; Boot would make each an observation (a context, a
 * span and tags per request), and Lettuce would arm a timer per command that holds the request for up to
 * a 100 ms tick after its answer. The gateway turns both off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.services.addon-server=http://127.0.0.1:9", "themepress.services.widget-renderer=http://127.0.0.1:9"})
class RedisClientSetupTests {

    @Autowired
    ApplicationContext context;

    @Test
    void armsNoTimerPerCommandAndBoundsTheQueue() {
        ClientOptions options = context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getClientOptions().orElseThrow();

        assertThat(options.getTimeoutOptions().isTimeoutCommands()).isFalse();
        assertThat(options.getRequestQueueSize()).isEqualTo(RateLimitConfiguration.REDIS_QUEUE);
        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Test
    void addsNoObservationOrLatencyRecordingToRedisCommands() {
        // what the client does, not a bean name: Lettuce traces commands only when its resources carry enabled tracing
        assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
        assertThat(context.getBean(ClientResources.class).commandLatencyRecorder().isEnabled()).as("latency histograms per command").isFalse();
        assertThat(context.getBean(RateLimiter.class).enabled()).isTrue();
    }
}
