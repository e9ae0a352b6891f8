package com.themepress.gateway.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The circuit breaker each upstream service has at the gateway ({@code themepress.gateway.circuit-breaker.*}).
 * Only failures to get an answer count (refused or reset connections, timeouts), never an answer's status:
 * a 502 from one broken addon must not close the addon-server to every other caller.
 *
 * @param failureRate       percentage of failed calls, over the window, that opens the breaker
 * @param window            how many of the latest calls the rate is worked out over
 * @param minimumCalls      calls needed in the window before the rate counts at all
 * @param openFor           how long an open breaker answers 503 at once, before letting trial calls through
 * @param halfOpenCalls     trial calls let through after that; their failure rate closes or reopens it
 */
@Validated
@ConfigurationProperties("themepress.gateway.circuit-breaker")
public record CircuitBreakerProperties(
        @DefaultValue("50") @Min(1) @Max(100) int failureRate,
        @DefaultValue("20") @Min(1) @Max(1000) int window,
        @DefaultValue("10") @Min(1) @Max(1000) int minimumCalls,
        @DefaultValue("5s") @NotNull Duration openFor,
        @DefaultValue("3") @Min(1) @Max(100) int halfOpenCalls) {
}
