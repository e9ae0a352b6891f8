package com.themepress.runtime.pool;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A consistent copy of an instance's state, safe to hand out. */
public record InstanceView(String id, String state, int inFlight, @Nullable String containerId, String specHash,
        Instant lastUsed) {
}
