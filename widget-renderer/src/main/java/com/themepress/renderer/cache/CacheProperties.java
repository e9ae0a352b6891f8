package com.themepress.renderer.cache;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.themepress.model.cluster.BroadcastChannels;

/**
 * @param l1Ttl          how long a render stays in this renderer's memory (spec: 5 minutes)
 * @param l1MaxSize      bound on the memory the L1 renders take (each weighed by all it holds: both
 *                       serialised forms and the output's strings); keep it to about a quarter of the heap
 * @param preparedMaxSize bound on the memory of prepared requests (resolved, validated, hashed), weighed by
 *                       their preview config, so that a flood of distinct previews cannot fill the heap
 * @param l2Ttl          how long a render stays in Redis (spec: 1 hour)
 * @param lastGoodTtl    how long the last good render is kept for serving when the addon fails
 * @param maxVariants    most renders Redis keeps per widget version (L2) and per widget (last good copies): each
 *                       distinct config, site, locale or user is one; beyond it the least recently written go
 * @param lastGoodL1MaxSize bound on the memory of the last-good renders also kept in this renderer's memory
 * @param resolveTtl     how long a widget's resolution (version, schema) is kept; registry changes evict it at once
 * @param resolvedMaxSize bound on the memory of widget resolutions (one per widget, whatever the site; each
 *                       weighed at 24 bytes per byte of the addon-server's JSON answer: parsed and compiled schema)
 * @param siteConfigMaxSize bound on the memory of sites' saved configs, weighed the same way
 * @param notFoundTtl    how long an unknown addon or widget is remembered as such
 * @param lockTtl        longest a renderer holds the cross-instance render lock (a crashed holder frees it by expiry)
 * @param keyPrefix      prefix of every Redis key the renderer writes
 * @param channel        the pub/sub channel whose messages (an addon name) evict what is cached about that addon
 */
@Validated
@ConfigurationProperties("themepress.widgets.cache")
public record CacheProperties(@DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration l1Ttl,
        @DefaultValue("32MB") @NotNull DataSize l1MaxSize,
        @DefaultValue("8MB") @NotNull DataSize preparedMaxSize,
        @DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration l2Ttl,
        @DefaultValue("7d") @NotNull @DurationMin(millis = 1) Duration lastGoodTtl,
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int maxVariants,
        @DefaultValue("8MB") @NotNull DataSize lastGoodL1MaxSize,
        @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration resolveTtl,
        @DefaultValue("32MB") @NotNull DataSize resolvedMaxSize,
        @DefaultValue("8MB") @NotNull DataSize siteConfigMaxSize,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration notFoundTtl,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration lockTtl,
        @DefaultValue("themepress:widget") @NotBlank String keyPrefix,
        @DefaultValue(BroadcastChannels.REGISTRY_CHANGES) @NotBlank String channel) {
}
