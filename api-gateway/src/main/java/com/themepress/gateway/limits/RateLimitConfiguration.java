package com.themepress.gateway.limits;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.server.WebFilter;

import io.micrometer.core.instrument.MeterRegistry;

/** The limiter, and its WebFlux filter right after CORS (see {@link #FILTER_ORDER}). */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** After the path check and CORS ({@code cors/}), so a refused path or a preflight is never counted. */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, ReactiveStringRedisTemplate redis, ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        return new RateLimiter(properties, redis, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    @Bean
    WebFilter rateLimitFilter(RateLimiter limiter) {
        return new RateLimitFilter(limiter);
    }
}
