package com.themepress.gateway;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services behind the gateway listen ({@code themepress.services.*}); the route table
 * in application.yml reads the same properties.
 */
@ConfigurationProperties("themepress.services")
public record ServiceAddresses(
        @DefaultValue("http://127.0.0.1:8081") URI addonServer,
        @DefaultValue("http://127.0.0.1:8083") URI widgetRenderer) {
}
