package com.themepress.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code themepress.console.*}.
 *
 * @param contentSecurityPolicy the console's CSP: its own modules only ({@code script-src 'self'}, nothing
 *                              inline), API calls to its own origin; inline styles are allowed because the
 *                              preview frame's document (a {@code srcdoc}, which inherits this policy) holds the
 *                              widget's scoped CSS in a {@code <style>}
 */
@Validated
@ConfigurationProperties("themepress.console")
public record ConsoleProperties(
        @DefaultValue("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; "
                + "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        @NotBlank String contentSecurityPolicy) {
}
