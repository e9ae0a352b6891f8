package com.themepress.runtime.metrics;

import java.util.Locale;

/** The {@code status} label of {@code addon_executions_total}. */
public enum Outcome {
    /** The addon answered 2xx. */
    SUCCESS,
    /** The addon answered 4xx. */
    CLIENT_ERROR,
    /** The addon answered 5xx, died or could not be reached or started. */
    ERROR,
    /** No answer within the deployment's timeoutMs. */
    TIMEOUT,
    /** Every instance was busy and the queue wait ran out. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
