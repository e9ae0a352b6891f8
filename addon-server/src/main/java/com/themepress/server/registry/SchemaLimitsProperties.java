package com.themepress.server.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.themepress.model.schema.SchemaLimits;
import com.themepress.model.schema.StrictJson;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Bounds on each schema a manifest ships (a widget's {@code configSchema}, an endpoint's
 * {@code inputSchema}); beyond them registration answers 400 naming the schema's pointer and the limit.
 *
 * @param maxSize       longest compact JSON text of one schema
 * @param maxDepth      deepest nesting of objects and arrays inside one schema
 * @param maxProperties most property names one schema declares ({@code properties} and {@code patternProperties}, at any depth)
 */
@Validated
@ConfigurationProperties("themepress.registry.schemas")
public record SchemaLimitsProperties(@DefaultValue(SchemaLimits.DEFAULT_MAX_SIZE) @NotNull DataSize maxSize,
        @DefaultValue(SchemaLimits.DEFAULT_MAX_DEPTH) @Min(1) @Max(StrictJson.MAX_NESTING) int maxDepth,
        @DefaultValue(SchemaLimits.DEFAULT_MAX_PROPERTIES) @Min(1) int maxProperties) {

    @AssertTrue(message = "must be between 1KB and 1MB")
    boolean isMaxSizeWithinBounds() {
        return maxSize == null || maxSize.toBytes() >= 1024 && maxSize.toBytes() <= 1024 * 1024;
    }

    SchemaLimits limits() {
        return new SchemaLimits(maxSize.toBytes(), maxDepth, maxProperties);
    }
}
