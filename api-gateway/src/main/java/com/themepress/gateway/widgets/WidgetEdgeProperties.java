package com.themepress.gateway.widgets;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The widget edge: the gateway's own proxy for {@code GET /api/widgets/{addon}/{widget}}
 * (docs/widget-rendering.md).
 *
 * @param enabled         off hands widget GETs back to the Spring Cloud Gateway route
 * @param connectTimeout  to the renderer
 * @param responseTimeout for the renderer's whole answer; above a cold first render (the
 *                        renderer's own deploy timeout is 60 s) so the renderer's timeouts,
 *                        which know the addon's, decide first
 * @param idleTimeout     how long a keep-alive connection to the renderer may sit unused before it
 *                        is dropped; keep it under the renderer's keep-alive timeout, so that a
 *                        connection is not reused just as the renderer closes it
 * @param maxIdleConnections keep-alive connections to the renderer kept open between requests,
 *                        per event loop
 * @param maxInFlight     widget GETs waiting for the renderer at once (each on its own connection);
 *                        one more is answered 503 with {@code Retry-After} at once
 */
@Validated
@ConfigurationProperties("themepress.widget-edge")
public record WidgetEdgeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("65s") @NotNull @DurationMin(millis = 1) Duration responseTimeout,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration idleTimeout,
        @DefaultValue("256") @Min(0) int maxIdleConnections,
        @DefaultValue("1024") @Min(1) int maxInFlight) {
}
