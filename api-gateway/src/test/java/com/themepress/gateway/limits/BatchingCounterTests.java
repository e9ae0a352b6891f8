package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts sent together share a script call, yet each gets the exact answer it would have had alone; a
 * Redis that stops answering fails the counts within the timeout, refuses new ones past the bound at once,
 * and the counter works again when Redis does.
 */
@RequiresRedisServer
class BatchingCounterTests {

    static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("limits/token-buckets.lua"), List.class);
    static RedisServer redis;
    static LettuceConnectionFactory connections;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        connections.start();
    }

    @AfterAll
    static void stop() {
        if (connections != null) {
            connections.destroy();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void givesEveryCountInABatchItsOwnExactAnswer() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BatchingCounter counter = new BatchingCounter(new BucketScript(connections, SCRIPT).connectNow(), FIXED, Duration.ofSeconds(5), 128, 4096, meters);
        List<Mono<long[]>> counts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            String key = "exact:" + (i % 3);
            keys.add(key);
            counts.add(counter.count(key, 600, 100)); // 100 a minute, burst 100
        }

        List<long[]> answers = Flux.mergeSequential(counts, 450, 1).collectList().block(Duration.ofSeconds(10));

        Map<String, List<Long>> remainingAllowed = new TreeMap<>();
        Map<String, Integer> refused = new TreeMap<>();
        for (int i = 0; i < answers.size(); i++) {
            long[] answer = answers.get(i);
            if (answer[0] == 1) {
                remainingAllowed.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(answer[1]);
            } else {
                refused.merge(keys.get(i), 1, Integer::sum);
                assertThat(answer[3]).as("ms until the next one").isEqualTo(600);
            }
        }
        List<Long> countdown = new ArrayList<>();
        for (long remaining = 99; remaining >= 0; remaining--) {
            countdown.add(remaining);
        }
        assertThat(remainingAllowed).hasSize(3);
        remainingAllowed.values().forEach(remaining -> assertThat(remaining).as("in submission order").isEqualTo(countdown));
        assertThat(refused).containsOnly(Map.entry("exact:0", 50), Map.entry("exact:1", 50), Map.entry("exact:2", 50));
        long calls = meters.get("gateway.rate.limit.batch").summary().count();
        assertThat(calls).as("script calls for 450 counts").isLessThan(450);
        assertThat(meters.get("gateway.rate.limit.batch").summary().totalAmount()).isEqualTo(450);
    }

    @Test
    void failsCountsWithinTheTimeoutWhileRedisIsPausedAndRefusesPastTheBoundAtOnce() {
        BatchingCounter counter = new BatchingCounter(new BucketScript(connections, SCRIPT).connectNow(), FIXED, Duration.ofMillis(300), 128, 4, new SimpleMeterRegistry());
        redis.commands().clientPause(1500);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            counter.count("paused", 600, 100).subscribe(answer -> { }, errors::add);
        }

        assertThat(errors).as("one out, four waiting, five past the bound").hasSize(5)
                .allSatisfy(error -> assertThat(error).hasMessageContaining("already wait for Redis"));
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> errors.size() == 10);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the waiting counts fail with the batch ahead of them, not a timeout later")
                .isLessThan(Duration.ofMillis(550));

        Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> counter.count("after", 600, 100).block(Duration.ofSeconds(1))[0] == 1);
    }
}
