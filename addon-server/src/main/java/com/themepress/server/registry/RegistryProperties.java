package com.themepress.server.registry;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param catalogueResyncInterval how often the in-memory catalogue is reloaded from the store in full.
 *                                Changes on any replica reach it at once; the reload repairs what a
 *                                lost broadcast left behind, and costs one read of every listed addon.
 */
@Validated
@ConfigurationProperties("themepress.registry")
public record RegistryProperties(@DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration catalogueResyncInterval) {
}
