package com.themepress.server.widgets;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.themepress.model.cluster.BroadcastChannels;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param registryChangesChannel the pub/sub channel on which widget-renderers hear that an addon changed
 * @param rendererConfirmTimeout how long a change to a site's installation waits for every renderer to confirm that it
 *                               dropped what it cached of the addon, before the change is answered
 */
@Validated
@ConfigurationProperties("themepress.widgets")
public record WidgetsProperties(@DefaultValue(BroadcastChannels.REGISTRY_CHANGES) @NotBlank String registryChangesChannel,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) Duration rendererConfirmTimeout) {
}
