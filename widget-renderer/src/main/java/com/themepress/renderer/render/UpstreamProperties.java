package com.themepress.renderer.render;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the renderer's upstreams are.
 *
 * @param addonServer     base URL of the addon-server (widget resolution)
 * @param runtime         base URL of the addon-runtime (render calls, lazy deployment)
 * @param connectTimeout  how long to wait for either to accept a connection
 * @param resolveTimeout  how long a resolution request may take
 * @param renderMargin    added to the addon's own {@code timeoutMs}, so the runtime's 504 arrives before ours
 * @param deployTimeout   how long a lazy {@code PUT} of a deployment may take (container start included)
 * @param apiBase         the public API base the addon's widgets call back to (passed in the render context)
 */
@Validated
@ConfigurationProperties("themepress.upstreams")
public record UpstreamProperties(@DefaultValue("http://127.0.0.1:8081") @NotNull URI addonServer,
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI runtime,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration resolveTimeout,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration renderMargin,
        @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration deployTimeout,
        @DefaultValue("/api") @NotBlank String apiBase) {
}
