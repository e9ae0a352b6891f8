package com.themepress.server.events.retention;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Whether the stream has room, as the last {@link StreamRetention} pass measured it. The entry bound
 * is also checked exactly by the append script itself (XLEN is a counter Redis keeps); memory is only
 * known from the last sample, so between samples a publisher may overshoot by one interval's events.
 */
public final class BacklogGate {

    private final RetentionProperties properties;
    private final BacklogMetrics metrics;
    private volatile long entries;
    private volatile long bytes;

    public BacklogGate(RetentionProperties properties, BacklogMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Most entries the stream may hold after a publish through the API. */
    public long maxEntries() {
        return properties.maxBacklog();
    }

    void sampled(long entries, long bytes) {
        this.entries = entries;
        this.bytes = bytes;
        metrics.sampled(entries, bytes, full() != null);
    }

    /** 503 when the last sample found the stream over its memory bound. */
    public void requireMemory(int events) {
        if (bytes >= properties.maxBytes().toBytes()) {
            throw refused("bytes", events);
        }
    }

    /** 503 when the last sample found the stream at either bound: for callers that cannot check exactly. */
    public void requireRoom() {
        String reason = full();
        if (reason != null) {
            throw refused(reason, 1);
        }
    }

    private @Nullable String full() {
        if (bytes >= properties.maxBytes().toBytes()) {
            return "bytes";
        }
        return entries >= properties.maxBacklog() ? "entries" : null;
    }

    /** The 503 for events that do not fit, with {@code Retry-After}; counted under {@code reason}. */
    public PlatformException refused(String reason, int events) {
        metrics.refused(reason, events);
        PlatformException refused = new PlatformException(ProblemType.UNAVAILABLE, "The event stream is at its bound ("
                + ("bytes".equals(reason) ? properties.maxBytes() + " of Redis memory" : properties.maxBacklog() + " entries")
                + ") because a subscriber is behind; nothing was published. Try again after the Retry-After seconds.");
        refused.getHeaders().set("Retry-After", Long.toString(properties.retryAfter().toSeconds()));
        return refused;
    }
}
