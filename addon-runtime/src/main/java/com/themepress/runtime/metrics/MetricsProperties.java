package com.themepress.runtime.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * @param maxFunctionNames distinct {@code function_name} values kept per addon; further names
 *        are counted as {@code other}, so a caller inventing action names cannot grow the series
 */
@ConfigurationProperties("themepress.runtime.metrics")
@Validated
public record MetricsProperties(@DefaultValue("50") @PositiveOrZero int maxFunctionNames) {
}
