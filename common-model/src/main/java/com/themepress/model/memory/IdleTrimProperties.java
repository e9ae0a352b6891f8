package com.themepress.model.memory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code themepress.memory.idle-trim.*}: when a quiet service gives its memory back.
 *
 * @param enabled    trim at all (off: the heap stays at the size the last load grew it to)
 * @param idleAfter  how long the collector must have been quiet, after work, before the trim
 * @param checkEvery how often the collector is looked at
 */
@Validated
@ConfigurationProperties("themepress.memory.idle-trim")
public record IdleTrimProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") @NotNull Duration idleAfter,
        @DefaultValue("5s") @NotNull Duration checkEvery) {

    public IdleTrimProperties {
        if (idleAfter.isNegative() || idleAfter.isZero() || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("themepress.memory.idle-trim.idle-after and check-every must be positive");
        }
    }
}
