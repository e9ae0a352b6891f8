package com.themepress.gateway.limits;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code themepress.rate-limit.*}: requests a minute per caller (API key, else site key, else client
 * address) and route class, counted in Redis so that every replica shares one count.
 *
 * @param enabled        off lets every request through, with no headers and no Redis call
 * @param failOpen       when Redis does not answer (error or {@code redisTimeout}), let the request
 *                       through (counted in {@code gateway_rate_limit_unavailable_total} and logged);
 *                       false answers 503 instead
 * @param redisTimeout   how long a batch of counts waits for Redis before Redis counts as unreachable (a
 *                       request waits at most twice this: the batch ahead of its own, then its own)
 * @param keyPrefix      of the Redis keys, one per caller and route class
 * @param trustedProxies addresses or CIDR blocks ({@code 10.0.0.0/8}) of proxies in front of the gateway:
 *                       only a request from one of them has its {@code X-Forwarded-For} read, right to
 *                       left, up to the first address that is not a trusted proxy
 * @param widgets        {@code GET /api/widgets/{addon}/{widget}} (the widget edge)
 * @param execute        {@code POST /api/addons/{name}/execute}
 * @param registration   {@code POST /api/addons/register}
 * @param events         {@code /api/events/**}
 * @param other          every other {@code /api/**} request
 */
@Validated
@ConfigurationProperties("themepress.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean failOpen,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 1) Duration redisTimeout,
        @DefaultValue("themepress:rl") @NotBlank String keyPrefix,
        @DefaultValue List<@NotBlank String> trustedProxies,
        @DefaultValue @NotNull @Valid Limit widgets,
        @DefaultValue @NotNull @Valid Limit execute,
        @DefaultValue @NotNull @Valid Limit registration,
        @DefaultValue @NotNull @Valid Limit events,
        @DefaultValue @NotNull @Valid Limit other) {

    public RateLimitProperties {
        new TrustedProxies(trustedProxies); // a bad entry stops the start here, with the property named
    }

    /**
     * One route class's limit: {@code perMinute} requests a minute on average, at most {@code burst} at
     * once (a token bucket of {@code burst} tokens refilled at {@code perMinute} a minute).
     */
    public record Limit(@DefaultValue("100") @Min(1) @Max(60_000) int perMinute, @DefaultValue("100") @Min(1) @Max(1_000_000) int burst) {

        /** Milliseconds between two requests at the steady rate (whole milliseconds, as the script counts). */
        long intervalMillis() {
            return Math.max(1, (60_000L + perMinute - 1) / perMinute);
        }
    }

    Limit limitFor(RouteClass route) {
        return switch (route) {
            case WIDGETS -> widgets;
            case EXECUTE -> execute;
            case REGISTRATION -> registration;
            case EVENTS -> events;
            case OTHER -> other;
        };
    }
}
