package com.themepress.server.execute;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param inputSchemaCache bound of the compiled endpoint {@code inputSchema}s kept (one per addon version
 *                         and endpoint), each weighed at its estimated heap: 24 bytes per byte of its JSON
 * @param maxInputErrors   most {@code errors} entries a 400 for input that breaks an {@code inputSchema}
 *                         lists, so that a hostile body cannot make the answer grow with it
 * @param idempotencyTtl   how long an execute's answer is kept for repeats with its {@code Idempotency-Key}
 */
@Validated
@ConfigurationProperties("themepress.execute")
public record ExecuteProperties(@DefaultValue("16MB") @NotNull DataSize inputSchemaCache,
        @DefaultValue("50") @Positive int maxInputErrors,
        @DefaultValue("24h") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 30) Duration idempotencyTtl) {

    @AssertTrue(message = "must be at least 1KB")
    boolean isInputSchemaCacheAtLeast1KB() {
        return inputSchemaCache == null || inputSchemaCache.toBytes() >= 1024;
    }
}
