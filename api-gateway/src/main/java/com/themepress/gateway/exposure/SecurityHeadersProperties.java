package com.themepress.gateway.exposure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code themepress.security-headers.*}: what every answer of the gateway carries.
 *
 * @param referrerPolicy        {@code Referrer-Policy} on every answer
 * @param contentSecurityPolicy {@code Content-Security-Policy} on HTML answers that have none of their own
 *                              (a widget fragment opened on its own shows, but runs nothing)
 * @param hstsMaxAge            {@code Strict-Transport-Security} max-age, sent on answers to HTTPS requests
 *                              (TLS at the gateway, or {@code X-Forwarded-Proto: https}); 0 sends none
 */
@Validated
@ConfigurationProperties("themepress.security-headers")
public record SecurityHeadersProperties(
        @DefaultValue("no-referrer") @NotBlank String referrerPolicy,
        @DefaultValue("default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        @NotBlank String contentSecurityPolicy,
        @DefaultValue("365d") @NotNull Duration hstsMaxAge) {
}
