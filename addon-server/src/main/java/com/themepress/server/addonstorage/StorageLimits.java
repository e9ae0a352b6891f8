package com.themepress.server.addonstorage;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Bounds of one addon's storage on one site ({@code themepress.addon-storage.*}).
 *
 * @param maxDocumentSize largest document (its data as compact JSON); 413 beyond
 * @param maxBytes all documents of the addon on the site together; 429 {@code storage-quota-exceeded} beyond
 * @param maxDocuments documents of the addon on the site; 429 beyond
 * @param maxQueryLimit most documents one query or listing answers
 * @param retention how long an uninstalled addon's data is kept; a reinstall within it finds the data again
 * @param sweepInterval how often data past its retention is looked for and deleted
 */
@Validated
@ConfigurationProperties("themepress.addon-storage")
public record StorageLimits(@DefaultValue("64KB") @NotNull DataSize maxDocumentSize,
        @DefaultValue("10MB") @NotNull DataSize maxBytes,
        @DefaultValue("10000") @Min(1) @Max(10_000_000) long maxDocuments,
        @DefaultValue("100") @Min(1) @Max(1000) int maxQueryLimit,
        @DefaultValue("30d") @NotNull @DurationMin(seconds = 0) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration sweepInterval) {

    @AssertTrue(message = "max-document-size must be 1 byte to 1 MB (a host API request is at most 1 MB)")
    boolean isMaxDocumentSizeInRange() {
        return maxDocumentSize != null && maxDocumentSize.toBytes() >= 1 && maxDocumentSize.toBytes() <= 1024 * 1024;
    }

    @AssertTrue(message = "max-bytes must be at least max-document-size")
    boolean isMaxBytesAtLeastOneDocument() {
        return maxBytes == null || maxDocumentSize == null || maxBytes.toBytes() >= maxDocumentSize.toBytes();
    }
}
