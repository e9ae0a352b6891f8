package com.themepress.server.widgets;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.themepress.model.cluster.BroadcastChannels;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param catalogueTtl           how long the widget catalogue ({@code GET /api/widgets}) is kept whole; this
 *                               replica's registry changes drop it at once, other replicas' within this time
 * @param registryChangesChannel the pub/sub channel on which widget-renderers hear that an addon changed
 */
@Validated
@ConfigurationProperties("themepress.widgets")
public record WidgetsProperties(@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration catalogueTtl,
        @DefaultValue(BroadcastChannels.REGISTRY_CHANGES) @NotBlank String registryChangesChannel) {
}
