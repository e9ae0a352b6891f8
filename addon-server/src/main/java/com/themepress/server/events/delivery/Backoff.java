package com.themepress.server.events.delivery;

import java.time.Duration;

import com.themepress.server.events.EventProperties;

/**
 * Exponential backoff with jitter: after the n-th failed delivery the next attempt waits
 * {@code initial * multiplier^(n-1)}, at most {@code max}, shortened by a random fraction of up to
 * {@code jitter} so that many events failing together do not retry together.
 */
record Backoff(Duration initial, double multiplier, Duration max, double jitter) {

    static Backoff of(EventProperties properties) {
        return new Backoff(properties.initialBackoff(), properties.backoffMultiplier(), properties.maxBackoff(), properties.backoffJitter());
    }

    /**
     * @param failures deliveries that failed so far (1 after the first failure)
     * @param random   a number in [0, 1)
     */
    Duration delay(int failures, double random) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
}
