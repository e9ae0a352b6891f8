package com.themepress.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where the services behind the gateway listen ({@code themepress.services.*}), for the gateway's
 * own code; the route table in application.yml reads the same properties with the same defaults.
 */
@Validated
@ConfigurationProperties("themepress.services")
public record ServiceAddresses(@DefaultValue("http://127.0.0.1:8083") @NotNull URI widgetRenderer,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI addonServer) {
}
