package com.themepress.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where instances run ({@code themepress.runtime.driver}): {@code docker} (containers on one engine, the
 * {@code sandbox} package) or {@code kubernetes} (pods in a cluster, the {@code kubernetes} package). Only
 * the chosen driver's beans start; each side reads the property name in its own condition. A value that is
 * neither stops the runtime at startup.
 */
@ConfigurationProperties("themepress.runtime")
@Validated
public record RuntimeDriverProperties(@DefaultValue("docker") @NotNull Driver driver) {

    public enum Driver {
        DOCKER, KUBERNETES
    }
}
