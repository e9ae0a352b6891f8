package com.themepress.gateway.limits;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.server.WebFilter;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.micrometer.core.instrument.MeterRegistry;

/** The limiter, and its WebFlux filter right after CORS (see {@link #FILTER_ORDER}). */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** After the path check and CORS ({@code cors/}), so a refused path or a preflight is never counted. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    /**
     * Counts waiting for Redis at once (in the limiter's batches, and commands in the client): at 20,000 a
     * second and the 250 ms timeout, 5,000 would wait only if Redis stalled.
     */
    static final int REDIS_QUEUE = 4096;

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, LettuceConnectionFactory redis, ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        return new RateLimiter(properties, redis, clock.getIfAvailable(Clock::systemUTC), REDIS_QUEUE, meters);
    }

    /**
     * The Redis client as the limiter needs it. Lettuce would arm a 1 s timer per command (the
     * {@code spring.data.redis.timeout}) on a wheel that drops cancelled timers only at its next 100 ms tick,
     * and each armed timer holds its command and so the whole request waiting on it: under 11,000 limited
     * widget GETs a second that promoted megabytes a second into the old generation, a full collection every
     * 300 ms, and p99 100 ms (bench/widgets, GC log). The limiter bounds each count itself
     * ({@code themepress.rate-limit.redis-timeout}) and fails open; so no per-command timers, at most
     * {@link #REDIS_QUEUE} commands waiting (past it a count fails at once, and fails open), and none queued
     * while disconnected.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rateLimitRedisOptions() {
        return options -> options.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .requestQueueSize(REDIS_QUEUE)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce records every command's latency in HdrHistograms (with LatencyUtils' pause detector) whenever
     * both libraries are on the class path, as Micrometer puts them: a histogram update per command that
     * nothing reads (the limiter's own metrics are {@code gateway_rate_limit_*}).
     */
    @Bean
    ClientResourcesBuilderCustomizer rateLimitRedisResources() {
        return resources -> resources.commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }

    @Bean
    WebFilter rateLimitFilter(RateLimiter limiter) {
        return new RateLimitFilter(limiter);
    }
}
