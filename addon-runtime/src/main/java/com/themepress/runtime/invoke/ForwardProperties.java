package com.themepress.runtime.invoke;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param connectTimeout longest wait for a TCP connection to an instance; a container that just
 *        died drops packets instead of refusing them, so this decides how soon a call moves on
 *        to another instance
 */
@ConfigurationProperties("themepress.runtime.forward")
@Validated
public record ForwardProperties(@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration connectTimeout) {
}
