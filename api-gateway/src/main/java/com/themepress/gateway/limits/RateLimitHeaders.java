package com.themepress.gateway.limits;

import java.util.function.BiConsumer;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** The headers a counted answer carries, and the problem over the limit, the same on every path. */
public final class RateLimitHeaders {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {
    }

    /** {@code X-RateLimit-*} (and {@code Retry-After} when refused); nothing for a request that was not counted. */
    public static void write(RateLimitDecision decision, BiConsumer<String, String> header) {
        if (!decision.counted()) {
            return;
        }
        header.accept(LIMIT, Integer.toString(decision.limit()));
        header.accept(REMAINING, Long.toString(decision.remaining()));
        header.accept(RESET, Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            header.accept(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        }
    }

    public static PlatformException refused(RateLimitDecision decision) {
        return new PlatformException(ProblemType.RATE_LIMITED, "More than " + decision.limit()
                + " requests a minute from this caller on this route; try again in " + decision.retryAfterSeconds() + " s.");
    }
}
