package com.themepress.renderer.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import com.themepress.model.cluster.BroadcastChannels;

/**
 * @param l1Ttl          how long a render stays in this renderer's memory (spec: 5 minutes)
 * @param l1MaxSize      bound on the memory the L1 renders take (each weighed by all it holds: both
 *                       serialised forms and the output's strings); keep it to about a quarter of the heap
 * @param preparedMaxSize bound on the memory of prepared requests (resolved, validated, hashed), weighed by
 *                       their preview config, so that a flood of distinct previews cannot fill the heap
 * @param l2Ttl          how long a render stays in Redis (spec: 1 hour)
 * @param lastGoodTtl    how long the last good render is kept for serving when the addon fails
 * @param lastGoodL1MaxSize bound on the memory of the last-good renders also kept in this renderer's memory
 * @param resolveTtl     how long a widget's resolution (version, schema) is kept; registry changes evict it at once
 * @param notFoundTtl    how long an unknown addon or widget is remembered as such
 * @param lockTtl        longest a renderer holds the cross-instance render lock (a crashed holder frees it by expiry)
 * @param keyPrefix      prefix of every Redis key the renderer writes
 * @param channel        the pub/sub channel whose messages (an addon name) evict what is cached about that addon
 */
@ConfigurationProperties("themepress.widgets.cache")
public record CacheProperties(@DefaultValue("5m") Duration l1Ttl, @DefaultValue("32MB") DataSize l1MaxSize,
        @DefaultValue("8MB") DataSize preparedMaxSize,
        @DefaultValue("1h") Duration l2Ttl, @DefaultValue("7d") Duration lastGoodTtl,
        @DefaultValue("8MB") DataSize lastGoodL1MaxSize, @DefaultValue("5m") Duration resolveTtl,
        @DefaultValue("10s") Duration notFoundTtl, @DefaultValue("15s") Duration lockTtl,
        @DefaultValue("themepress:widget") String keyPrefix,
        @DefaultValue(BroadcastChannels.REGISTRY_CHANGES) String channel) {
}
