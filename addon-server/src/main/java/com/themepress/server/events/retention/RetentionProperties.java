package com.themepress.server.events.retention;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How much the event stream and the dead letters may hold. Nothing a subscriber has not settled is
 * ever trimmed: the stream's bound holds by refusing new events (503), not by dropping old ones.
 *
 * @param maxAge                 settled entries (every group acknowledged them, or keeps them as a retry or a dead
 *                               letter) stay for the event log at most this long
 * @param maxLength              settled entries beyond this many in the stream are trimmed too
 * @param maxBacklog             publishing is refused while the stream holds this many entries (settled ones are
 *                               trimmed first, so this is the backlog of the slowest subscriber); at least {@code max-length}
 * @param maxBytes               publishing is refused while the stream uses this much Redis memory (sampled every
 *                               {@code interval}); over half of it, settled entries are trimmed whatever their age
 * @param subscriberMaxBacklog   a subscriber with more unread, pending and retrying events than this is paused
 * @param interval               how often each replica trims, samples the stream's size and checks subscribers' backlogs
 * @param retryAfter             what a refusal's {@code Retry-After} says
 * @param deadLetterMaxAge       dead letters older than this are removed
 * @param deadLetterMaxCount     beyond this many dead letters, the oldest are removed
 * @param deadLetterInterval     how often dead-letter retention runs
 */
@Validated
@ConfigurationProperties("themepress.events.retention")
public record RetentionProperties(
        @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration maxAge,
        @DefaultValue("1000000") @Min(10) long maxLength,
        @DefaultValue("2000000") @Min(10) long maxBacklog,
        @DefaultValue("2GB") @NotNull DataSize maxBytes,
        @DefaultValue("100000") @Min(1) long subscriberMaxBacklog,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration interval,
        @DefaultValue("5s") @NotNull @DurationMin(seconds = 1) Duration retryAfter,
        @DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration deadLetterMaxAge,
        @DefaultValue("100000") @Min(1) long deadLetterMaxCount,
        @DefaultValue("1m") @NotNull @DurationMin(millis = 10) Duration deadLetterInterval) {

    /** Defaults, for code that builds the bus without Spring (tests, benchmarks). */
    public static RetentionProperties defaults() {
        return new RetentionProperties(Duration.ofHours(24), 1_000_000, 2_000_000, DataSize.ofGigabytes(2), 100_000,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofDays(30), 100_000, Duration.ofMinutes(1));
    }

    /** Settled entries must fit under the refusal bound, or a stream without any backlog would refuse events. */
    @AssertTrue(message = "max-backlog must be at least max-length")
    public boolean isBacklogAboveLength() {
        return maxBacklog >= maxLength;
    }

    @AssertTrue(message = "max-bytes must be at least 1MB")
    public boolean isMaxBytesSensible() {
        return maxBytes == null || maxBytes.toBytes() >= DataSize.ofMegabytes(1).toBytes();
    }
}
