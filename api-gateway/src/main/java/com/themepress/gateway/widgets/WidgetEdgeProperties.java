package com.themepress.gateway.widgets;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The widget edge: the gateway's own proxy for {@code GET /api/widgets/{addon}/{widget}}
 * (docs/widget-rendering.md).
 *
 * @param enabled         off hands widget GETs back to the Spring Cloud Gateway route
 * @param connectTimeout  to the renderer
 * @param responseTimeout for the renderer's whole answer; above a cold first render (the
 *                        renderer's own deploy timeout is 60 s) so the renderer's timeouts,
 *                        which know the addon's, decide first
 * @param maxIdleConnections keep-alive connections to the renderer kept open between requests,
 *                        per event loop
 * @param maxInFlight     widget GETs waiting for the renderer at once (each on its own connection);
 *                        one more is answered 503 with {@code Retry-After} at once
 */
@ConfigurationProperties("themepress.widget-edge")
public record WidgetEdgeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("65s") Duration responseTimeout,
        @DefaultValue("256") int maxIdleConnections,
        @DefaultValue("1024") int maxInFlight) {
}
