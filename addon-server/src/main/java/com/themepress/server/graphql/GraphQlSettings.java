package com.themepress.server.graphql;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code /graphql}'s own bounds and where {@code Widget.render} goes (GraphiQL is Boot's
 * {@code spring.graphql.graphiql.enabled}).
 *
 * @param maxDepth      deepest field nesting a query may have; deeper ones are refused before they run
 * @param maxComplexity a query's weight (one per field, {@code render} and {@code executeAddonFunction}
 *                      more, lists times their {@code size}); heavier ones are refused before they run
 * @param renderer      the widget-renderer, called with the service key like the gateway calls it; application.yml
 *                      takes it from {@code themepress.services.widget-renderer} when that is set (platform.sh sets
 *                      it on every service)
 * @param renderTimeout how long one {@code Widget.render} waits for the renderer
 */
@Validated
@ConfigurationProperties("themepress.graphql")
public record GraphQlSettings(@DefaultValue("15") @Min(2) @Max(50) int maxDepth,
        @DefaultValue("2000") @Min(10) @Max(1_000_000) int maxComplexity,
        @DefaultValue("http://127.0.0.1:8083") @NotNull URI renderer,
        @DefaultValue("40s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration renderTimeout) {
}
