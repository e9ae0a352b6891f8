package com.themepress.runtime.invoke;

import org.jspecify.annotations.Nullable;

import com.themepress.model.http.SiteContext;
import com.themepress.runtime.pool.InstancePool;

/**
 * One call to pass to an instance.
 *
 * @param path path on the instance, e.g. {@code /execute/process-payment}
 * @param function what the call is for metrics: the action, {@code widget:<name>} or {@code events}
 * @param body raw bytes, passed on unchanged
 * @param contentType the caller's Content-Type, passed on unchanged
 * @param requestId the caller's X-Request-Id, passed on for logs
 * @param deadline when the caller stops waiting, a {@code Ticker.nanoTime()} reading
 *        ({@link Long#MAX_VALUE} when it sent no budget)
 * @param site the site the call is made for and its installation's settings, passed on as headers; null for none
 */
record Call(String path, String function, byte[] body, @Nullable String contentType, @Nullable String requestId, long deadline,
        @Nullable SiteContext site) {

    static final long NO_DEADLINE = InstancePool.NO_DEADLINE;

    Call(String path, String function, byte[] body, @Nullable String contentType, @Nullable String requestId, long deadline) {
        this(path, function, body, contentType, requestId, deadline, null);
    }

    static Call execute(String action, byte[] body, @Nullable String contentType, @Nullable String requestId, long deadline,
            @Nullable SiteContext site) {
        return new Call("/execute/" + action, action, body, contentType, requestId, deadline, site);
    }

    static Call render(String widget, byte[] body, @Nullable String contentType, @Nullable String requestId, long deadline,
            @Nullable SiteContext site) {
        return new Call("/widgets/" + widget + "/render", "widget:" + widget, body, contentType, requestId, deadline, site);
    }

    static Call event(byte[] body, @Nullable String contentType, @Nullable String requestId, long deadline, @Nullable SiteContext site) {
        return new Call("/events", "events", body, contentType, requestId, deadline, site);
    }
}
