package com.themepress.gateway.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Counts a request against its caller's bucket for its route class, in {@code limits/token-buckets.lua},
 * never blocking; {@link BatchingCounter} sends the counts that arrive together as one script call, which
 * {@link BucketScript} runs. Not
 * Spring Cloud Gateway's {@code RedisRateLimiter} (docs/security.md, "Rate limits" says why). The time comes from the injected clock, so every
 * replica and every test agrees on it.
 */
public final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /**
     * Read once into a string: a script made from a resource asks the resource whether it changed (a jar URL
     * lookup) every time its SHA is needed, which is once per request here.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT = RedisScript.of(read("limits/token-buckets.lua"), List.class);
    /** Counts in one script call at most: a batch of 128 runs in Redis for well under a millisecond. */
    static final int MAX_BATCH = 128;

    private final RateLimitProperties properties;
    private final BatchingCounter counter;
    private final CallerKeys callers;
    private final Counter unavailable;
    private final Counter[] rejected = new Counter[RouteClass.values().length];
    /** Set while Redis is failing, so the log says so once per outage, not once per request. */
    private final AtomicBoolean failing = new AtomicBoolean();

    RateLimiter(RateLimitProperties properties, LettuceConnectionFactory redis, Clock clock, int maxWaiting, MeterRegistry meters) {
        this.properties = properties;
        BucketScript script = new BucketScript(redis, SCRIPT);
        if (properties.enabled()) {
            script.connectNow();
        }
        this.counter = new BatchingCounter(script, clock, properties.redisTimeout(), MAX_BATCH, maxWaiting, meters);
        this.callers = new CallerKeys(new TrustedProxies(properties.trustedProxies()));
        this.unavailable = Counter.builder("gateway.rate.limit.unavailable")
                .description("Requests let through uncounted (or refused, with fail-open off) because Redis did not answer")
                .register(meters);
        for (RouteClass route : RouteClass.values()) {
            rejected[route.ordinal()] = Counter.builder("gateway.rate.limit.rejected").tag("route", route.key())
                    .description("Requests answered 429").register(meters);
        }
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public CallerKeys callers() {
        return callers;
    }

    /** The decision for one request of {@code caller} (from {@link CallerKeys}) on {@code route}. */
    public Mono<RateLimitDecision> check(RouteClass route, String caller) {
        RateLimitProperties.Limit limit = properties.limitFor(route);
        return counter.count(properties.keyPrefix() + ":" + route.key() + ":" + caller, limit.intervalMillis(), limit.burst())
                .map(answer -> {
                    RateLimitDecision decision = RateLimitDecision.of(limit.perMinute(), answer[0], answer[1], answer[2], answer[3]);
                    if (failing.compareAndSet(true, false)) {
                        log.info("Rate limits: Redis answers again; requests are counted");
                    }
                    if (!decision.allowed()) {
                        rejected[route.ordinal()].increment();
                    }
                    return decision;
                })
                .onErrorResume(this::unavailable);
    }

    private Mono<RateLimitDecision> unavailable(Throwable error) {
        unavailable.increment();
        if (failing.compareAndSet(false, true)) {
            log.warn("Rate limits: Redis did not answer ({}); requests are {} until it does", error.toString(),
                    properties.failOpen() ? "let through uncounted (fail-open)" : "refused with 503 (fail-open off)");
        }
        if (properties.failOpen()) {
            return Mono.just(RateLimitDecision.UNCOUNTED);
        }
        return Mono.error(new PlatformException(ProblemType.UNAVAILABLE, "Rate limits cannot be checked just now; try again shortly."));
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
