package com.themepress.server.events.streams;

/** The stream holds as many entries as it may; the events were not written. */
public final class BacklogFullException extends RuntimeException {

    BacklogFullException(String message) {
        super(message, null, false, false);
    }
}
