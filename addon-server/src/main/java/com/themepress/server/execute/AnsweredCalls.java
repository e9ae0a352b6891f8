package com.themepress.server.execute;

/**
 * Where the answer of a call made under an {@code Idempotency-Key} is kept for its repeats. The
 * event outbox carries such an answer until the call's events are published, and hands it here
 * before it lets go of it.
 */
public interface AnsweredCalls {

    /** Keeps {@code answer} as the answer of call {@code callId}; doing it twice is harmless. */
    void keep(String callId, CallAnswer answer);
}
