package com.themepress.model.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The listener container is started in the background and retried until Redis answers, on the scheduler it is given. */
class ListenerStarterTests {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RedisMessageListenerContainer container = mock(RedisMessageListenerContainer.class);
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicInteger starts = new AtomicInteger();

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    /** Redis refuses the first {@code failures} starts. */
    private void redisDownFor(int failures) {
        when(container.isListening()).thenAnswer(call -> listening.get());
        doAnswer(call -> {
            if (starts.incrementAndGet() <= failures) {
                throw new RedisConnectionFailureException("connection refused");
            }
            listening.set(true);
            return null;
        }).when(container).start();
    }

    @Test
    void retriesUntilTheContainerListens() {
        redisDownFor(3);
        ListenerStarter starter = new ListenerStarter(container, Duration.ofMillis(5), scheduler);

        starter.start();

        await().atMost(Duration.ofSeconds(5)).untilTrue(listening);
        assertThat(starts).hasValue(4);
        assertThat(starter.isRunning()).isTrue();
    }

    @Test
    void stopEndsTheRetries() {
        redisDownFor(Integer.MAX_VALUE);
        ListenerStarter starter = new ListenerStarter(container, Duration.ofMillis(5), scheduler);
        starter.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> starts.get() >= 2);

        starter.stop();
        int stoppedAt = starts.get();

        await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(starts.get()).isLessThanOrEqualTo(stoppedAt + 1));
        assertThat(starter.isRunning()).isFalse();
    }
}
