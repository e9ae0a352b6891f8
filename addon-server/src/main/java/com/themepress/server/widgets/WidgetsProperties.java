package com.themepress.server.widgets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.themepress.model.cluster.BroadcastChannels;

import jakarta.validation.constraints.NotBlank;

/**
 * @param registryChangesChannel the pub/sub channel on which widget-renderers hear that an addon changed
 */
@Validated
@ConfigurationProperties("themepress.widgets")
public record WidgetsProperties(@DefaultValue(BroadcastChannels.REGISTRY_CHANGES) @NotBlank String registryChangesChannel) {
}
