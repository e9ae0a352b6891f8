package com.themepress.runtime.invoke;

import org.jspecify.annotations.Nullable;

/** The addon's 2xx or 4xx answer, passed back as it is, and which instance gave it. */
record Answer(int status, byte[] body, @Nullable String contentType, String instanceId) {
}
