package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * The script runs on the shared connection without ever blocking its caller: a Redis that lost its script
 * cache is sent the script, and one that does not answer yet fails each call at once until it does, and is
 * then connected to in the background.
 */
@RequiresRedisServer
class BucketScriptTests {

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("limits/token-buckets.lua"), List.class);
    static final List<String> ONE_COUNT = List.of("1796472000000", "600", "100"); // now (ms), 100 a minute, burst 100

    @Test
    void sendsTheScriptItselfWhenRedisLostItsCache() throws Exception {
        try (RedisServer redis = RedisServer.start(); Connections connections = new Connections(redis.port())) {
            BucketScript script = new BucketScript(connections.factory, SCRIPT).connectNow();
            assertThat(answer(script, "flushed")).containsExactly(1L, 99L, 600L, 0L);

            redis.commands().scriptFlush();

            assertThat(answer(script, "flushed")).as("the second count of the same bucket").containsExactly(1L, 98L, 1200L, 0L);
            assertThat(redis.commands().scriptExists(SCRIPT.getSha1())).as("cached again for the next call").containsExactly(true);
        }
    }

    @Test
    void failsAtOnceWhileRedisDoesNotAnswerAndConnectsWhenItDoes() throws Exception {
        int port;
        // takes connections and never answers, as a Redis host that hangs would: a blocking connect would wait out its timeout
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = silent.getLocalPort();
            try (Connections connections = new Connections(port)) {
                BucketScript script = new BucketScript(connections.factory, SCRIPT).connectNow();

                // five calls over 1.5 s: past the retry gate (RETRY_MILLIS), so later calls come while a
                // background connect is out and hanging on the silent socket, and still must not wait for it
                for (int i = 0; i < 5; i++) {
                    long started = System.nanoTime();
                    CompletableFuture<List<Object>> absent = script.run(List.of("absent"), ONE_COUNT).toCompletableFuture();
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("never waits for a connection")
                            .isLessThan(Duration.ofMillis(100));
                    assertThat(absent).isCompletedExceptionally();
                    Thread.sleep(BucketScript.RETRY_MILLIS * 3 / 10);
                }
                silent.close();

                try (RedisServer redis = RedisServer.startOn(port, false)) {
                    Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                            .until(() -> answer(script, "arrived").get(0).equals(1L));
                }
            }
        }
    }

    private static List<Object> answer(BucketScript script, String key) throws InterruptedException, ExecutionException,
            TimeoutException {
        return script.run(List.of(key), ONE_COUNT).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A connection factory as Spring Boot makes it: one shared native connection. */
    private static final class Connections implements AutoCloseable {
        final LettuceConnectionFactory factory;

        Connections(int port) {
            factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                    LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
            factory.afterPropertiesSet();
            factory.start();
        }

        @Override
        public void close() {
            factory.destroy();
        }
    }
}
