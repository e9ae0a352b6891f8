package com.themepress.runtime.invoke;

import org.jspecify.annotations.Nullable;

/**
 * One call to pass to an instance.
 *
 * @param path path on the instance, e.g. {@code /execute/process-payment}
 * @param function what the call is for metrics: the action, {@code widget:<name>} or {@code events}
 * @param body raw bytes, passed on unchanged
 * @param contentType the caller's Content-Type, passed on unchanged
 * @param requestId the caller's X-Request-Id, passed on for logs
 */
record Call(String path, String function, byte[] body, @Nullable String contentType, @Nullable String requestId) {

    static Call execute(String action, byte[] body, @Nullable String contentType, @Nullable String requestId) {
        return new Call("/execute/" + action, action, body, contentType, requestId);
    }

    static Call render(String widget, byte[] body, @Nullable String contentType, @Nullable String requestId) {
        return new Call("/widgets/" + widget + "/render", "widget:" + widget, body, contentType, requestId);
    }

    static Call event(byte[] body, @Nullable String contentType, @Nullable String requestId) {
        return new Call("/events", "events", body, contentType, requestId);
    }
}
