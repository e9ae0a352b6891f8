package com.themepress.server.events;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings of the event bus, all with defaults. Redis itself is Boot's {@code spring.data.redis.*}; how much
 * the stream and the dead letters keep is {@code RetentionProperties} ({@code themepress.events.retention.*}).
 *
 * @param keyPrefix         prefix of every Redis key and channel the bus uses
 * @param maxEventSize      largest envelope (as JSON) accepted for publishing
 * @param maxAttempts       deliveries of one event to one subscriber before it becomes a dead letter
 * @param initialBackoff    wait before the first retry; each further retry waits {@code backoffMultiplier} times longer
 * @param backoffMultiplier growth of the wait between retries
 * @param maxBackoff        longest wait between two retries
 * @param backoffJitter     fraction (0..1) by which a wait is randomly shortened, so retries of many events spread out
 * @param claimMinIdle      an entry read by a replica but neither acknowledged nor rescheduled for this long is
 *                          taken over by another replica (the first one is presumed dead); must exceed the
 *                          longest delivery, i.e. every subscriber's {@code timeoutMs} plus the runtime margin
 * @param retryLease        how long a replica holds a due retry before another may take it, on top of the
 *                          subscriber's own timeout
 * @param sweepInterval     how often each replica looks for due retries and entries to reclaim
 * @param readBatch         most entries read from the stream at once per subscriber
 * @param readBlock         how long a read waits for new entries before looking again
 * @param maxInFlight       deliveries to one subscriber running at once in one replica
 * @param deliveryThreads   threads delivering events in one replica, across all subscribers
 * @param resyncInterval    how often the subscriber list is rebuilt from the registry (changes apply at once anyway)
 * @param consumerName      this replica's consumer name in every group; unset: host name plus a random suffix
 * @param consumerExpiry    consumers with nothing pending and idle this long are removed from the groups
 * @param commandTimeout    timeout of one Redis command; publishing answers 503 when Redis does not answer in time
 * @param logScanLimit      most stream entries one {@code GET /api/events} request examines while filtering
 * @param maxBatch          most events one {@code POST /api/events} may carry as a JSON array
 */
@Validated
@ConfigurationProperties("themepress.events")
public record EventProperties(
        @DefaultValue("themepress:events") @NotBlank String keyPrefix,
        @DefaultValue("64KB") @NotNull DataSize maxEventSize,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
        @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
        @DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
        @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double backoffJitter,
        @DefaultValue("2m") @NotNull @DurationMin(millis = 1) Duration claimMinIdle,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration retryLease,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration sweepInterval,
        @DefaultValue("64") @Positive int readBatch,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration readBlock,
        @DefaultValue("32") @Positive int maxInFlight,
        @DefaultValue("64") @Positive int deliveryThreads,
        @DefaultValue("2m") @NotNull @DurationMin(millis = 1) Duration resyncInterval,
        @Nullable String consumerName,
        @DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration consumerExpiry,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration commandTimeout,
        @DefaultValue("10000") @Positive int logScanLimit,
        @DefaultValue("100") @Positive int maxBatch) {

    /** Defaults, for code that builds the bus without Spring (tests, benchmarks). */
    public static EventProperties defaults() {
        return new EventProperties("themepress:events", DataSize.ofKilobytes(64), 10, Duration.ofSeconds(1), 2.0,
                Duration.ofMinutes(10), 0.2, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(1), 64,
                Duration.ofSeconds(2), 32, 64, Duration.ofMinutes(2), null, Duration.ofHours(1), Duration.ofSeconds(2), 10_000, 100);
    }
}
