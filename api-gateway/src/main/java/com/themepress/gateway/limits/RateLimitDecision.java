package com.themepress.gateway.limits;

/**
 * What the bucket said about one request.
 *
 * @param allowed       whether the request goes on
 * @param limit         the route class's requests a minute
 * @param remaining     requests still allowed at once after this one
 * @param resetSeconds  until the bucket is full again ({@code X-RateLimit-Reset}), rounded up
 * @param retryAfterSeconds until one more request is allowed ({@code Retry-After}), rounded up; 0 when allowed
 * @param counted       false when Redis did not answer and the request went through uncounted (no headers then)
 */
public record RateLimitDecision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean counted) {

    static final RateLimitDecision UNCOUNTED = new RateLimitDecision(true, 0, 0, 0, 0, false);

    static RateLimitDecision of(int limit, long allowed, long remaining, long resetMillis, long retryMillis) {
        return new RateLimitDecision(allowed == 1, limit, remaining, ceilSeconds(resetMillis), allowed == 1 ? 0 : Math.max(1, ceilSeconds(retryMillis)),
                true);
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
