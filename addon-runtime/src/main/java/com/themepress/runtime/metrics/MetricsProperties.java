package com.themepress.runtime.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFunctionNames distinct {@code function_name} values kept per addon; further names
 *        are counted as {@code other}, so a caller inventing action names cannot grow the series
 */
@ConfigurationProperties("themepress.runtime.metrics")
public record MetricsProperties(@DefaultValue("50") int maxFunctionNames) {
}
