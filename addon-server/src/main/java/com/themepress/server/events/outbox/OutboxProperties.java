package com.themepress.server.events.outbox;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param maxEntries    while this many calls' events wait for Redis, execute of an addon that publishes events
 *                      answers 503 before the addon acts (the outbox lives on disk, but an outage should not fill it)
 * @param relayInterval how often a replica with waiting events tries Redis again
 * @param orphanAfter   events waiting this long are published by whichever replica looks first: their own
 *                      replica may have died (below that, the replica that wrote them is still publishing them)
 * @param batch         most waiting calls one pass reads
 * @param keepMarks     how long Redis remembers that an event was appended, so that appending it again after a
 *                      crash between the append and the outbox's delete is skipped: longer than any outage of
 *                      the addon-server. Once the outbox has let go of the event the mark lives one more
 *                      {@code orphan-after}.
 */
@Validated
@ConfigurationProperties("themepress.events.outbox")
public record OutboxProperties(
        @DefaultValue("100000") @Min(1) long maxEntries,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration relayInterval,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration orphanAfter,
        @DefaultValue("500") @Positive int batch,
        @DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration keepMarks) {
}
