package com.themepress.runtime.hostapi;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The host API's listener and relay ({@code themepress.runtime.host-api.*}).
 *
 * @param enabled off: no listener, no tokens, and containers get no {@code THEMEPRESS_HOST_API}
 * @param port the port on each sandbox network's gateway address; 0 takes a free one per network
 *        (runtimes sharing an engine then never collide), a fixed one suits a firewall rule
 * @param addonServer where requests are relayed, with the service key
 * @param grace how long after its call ends a token still works: an addon may finish a write it began
 *        just before answering
 * @param maxBody largest request body relayed (413 beyond)
 * @param timeout longest wait for the addon-server's answer (504 beyond)
 * @param threads requests handled at once; more wait in the listener's backlog
 */
@ConfigurationProperties("themepress.runtime.host-api")
@Validated
public record HostApiProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI addonServer,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration grace,
        @DefaultValue("1MB") @NotNull DataSize maxBody,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration timeout,
        @DefaultValue("16") @Min(1) @Max(512) int threads) {

    @AssertTrue(message = "max-body must be 1 byte to 16 MB")
    boolean isMaxBodyInRange() {
        return maxBody != null && maxBody.toBytes() >= 1 && maxBody.toBytes() <= 16L * 1024 * 1024;
    }

    @AssertTrue(message = "addon-server must be an http or https URL")
    boolean isAddonServerHttp() {
        return addonServer != null && ("http".equals(addonServer.getScheme()) || "https".equals(addonServer.getScheme()))
                && addonServer.getHost() != null;
    }
}
