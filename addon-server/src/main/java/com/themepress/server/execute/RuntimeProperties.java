package com.themepress.server.execute;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param url           base URL of the addon-runtime
 * @param connectTimeout how long to wait for the runtime to accept a connection
 * @param timeoutMargin added to an addon's own timeout, so the runtime's 504 arrives before ours
 */
@Validated
@ConfigurationProperties("themepress.runtime")
public record RuntimeProperties(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 0) Duration timeoutMargin) {
}
