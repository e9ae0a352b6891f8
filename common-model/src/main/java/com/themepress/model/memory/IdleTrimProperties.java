package com.themepress.model.memory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code themepress.memory.idle-trim.*}: when a quiet service gives its memory back.
 *
 * @param enabled    trim at all (off: the heap stays at the size the last load grew it to)
 * @param idleAfter  how long the collector must have been quiet, after work, before the trim
 * @param checkEvery how often the collector is looked at
 * @param quietCollections collections an idle service may still run within {@code idleAfter} (its own
 *                   schedulers allocate too)
 * @param minHeapFreeRatio {@code MinHeapFreeRatio} during the trim's full collection only
 * @param maxHeapFreeRatio {@code MaxHeapFreeRatio} during the trim's full collection only: the old
 *                   generation shrinks to what is live plus this share. Outside the trim the JVM's own
 *                   ratios hold (40/70 by default), so under load the old generation keeps room and full
 *                   collections stay rare
 */
@Validated
@ConfigurationProperties("themepress.memory.idle-trim")
public record IdleTrimProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") @NotNull Duration idleAfter,
        @DefaultValue("5s") @NotNull Duration checkEvery,
        @DefaultValue("3") @PositiveOrZero int quietCollections,
        @DefaultValue("10") int minHeapFreeRatio,
        @DefaultValue("20") int maxHeapFreeRatio) {

    public IdleTrimProperties {
        if (idleAfter.isNegative() || idleAfter.isZero() || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("themepress.memory.idle-trim.idle-after and check-every must be positive");
        }
        if (minHeapFreeRatio < 0 || maxHeapFreeRatio > 100 || minHeapFreeRatio > maxHeapFreeRatio) {
            throw new IllegalArgumentException(
                    "themepress.memory.idle-trim.min-heap-free-ratio and max-heap-free-ratio must satisfy 0 <= min <= max <= 100");
        }
    }
}
