package com.themepress.gateway.cors;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code themepress.cors.*}: which browser origins may call the API through the gateway.
 *
 * @param consoleOrigins   allowed besides every site's origins (the operator's and developers' consoles)
 * @param allowCredentials whether browsers may send cookies and HTTP auth cross-origin; off, as the API
 *                         authenticates with keys in headers
 * @param refreshInterval  how often the site origins are read again from the addon-server
 *                         ({@code GET /internal/sites/origins}); a site's new origin works after at most this long
 * @param maxAge           how long a browser may keep a preflight's answer
 */
@Validated
@ConfigurationProperties("themepress.cors")
public record CorsProperties(
        @DefaultValue List<@NotNull @Pattern(regexp = "https?://[^/?#\\s]+", message = "must be an origin: scheme://host[:port]") String> consoleOrigins,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration refreshInterval,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 0) Duration maxAge) {
}
