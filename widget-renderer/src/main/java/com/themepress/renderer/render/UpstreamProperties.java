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
 * Where the renderer resolves widgets. The runtime, where it renders them, is
 * {@code themepress.runtime-client.*} ({@link com.themepress.runtimeclient.RuntimeClientProperties}).
 *
 * @param addonServer     base URL of the addon-server (widget resolution)
 * @param connectTimeout  how long to wait for the addon-server to accept a connection
 * @param resolveTimeout  how long a resolution request may take
 * @param apiBase         the public API base the addon's widgets call back to (passed in the render context)
 */
@Validated
@ConfigurationProperties("themepress.upstreams")
public record UpstreamProperties(@DefaultValue("http://127.0.0.1:8081") @NotNull URI addonServer,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration resolveTimeout,
        @DefaultValue("/api") @NotBlank String apiBase) {
}
