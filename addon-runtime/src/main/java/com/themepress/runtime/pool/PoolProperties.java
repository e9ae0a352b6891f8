package com.themepress.runtime.pool;

import java.time.Duration;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How pools size, wait, check and reap. Every default lives here; values out of range stop the
 * runtime at startup.
 *
 * @param queueTimeout how long a call waits for a free instance slot before a 503 (less when the caller's
 *        budget is shorter: then 504 when it runs out)
 * @param maxQueue calls one deployment may have waiting beyond its bulkhead; one more is refused at once
 *        with 503. A waiting call holds a servlet thread (and its body, up to {@code web.max-body}), so
 *        this bounds what one addon takes of the runtime's threads
 * @param maxCallsPerDeployment the bulkhead's ceiling: a deployment runs at most
 *        {@code min(concurrency x maxInstances, this)} calls at once, however large its spec, so that
 *        with {@code maxQueue} it never holds more than its share of the runtime's threads
 * @param retryAfter what the 503's Retry-After says
 * @param startTimeout how long a container may take from create to its first healthy /health
 * @param startPollInterval how often a starting container's /health is polled
 * @param healthInterval how often ready instances are checked (and pools topped up to minInstances)
 * @param healthTimeout how long one /health check may take
 * @param unhealthyThreshold consecutive failed checks that get an instance replaced
 * @param idleTimeout an instance unused this long is reaped, down to minInstances
 * @param reapInterval how often the reaper looks
 * @param crashLoopWindow an instance that dies sooner than this after starting counts as a crash
 * @param maxRestartBackoff ceiling of the delay between replacements of crashing instances
 */
@ConfigurationProperties("themepress.runtime.pool")
@Validated
public record PoolProperties(
        @DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration queueTimeout,
        @DefaultValue("16") @Min(0) int maxQueue,
        @DefaultValue("48") @Min(1) int maxCallsPerDeployment,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 0) Duration retryAfter,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration startTimeout,
        @DefaultValue("25ms") @NotNull @DurationMin(millis = 1) Duration startPollInterval,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration healthInterval,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration healthTimeout,
        @DefaultValue("3") @Min(1) int unhealthyThreshold,
        @DefaultValue("5m") @NotNull @DurationMin(millis = 0) Duration idleTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration reapInterval,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration crashLoopWindow,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration maxRestartBackoff) {

    /** The defaults (from the annotations above, bound as Spring would), with the given overrides. */
    public static PoolProperties with(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("", PoolProperties.class);
    }
}
