package com.themepress.model.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.DisconnectedClientHelper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A client that closes its connection before its answer is written is not a fault of the service: a
 * browser navigating away, a load generator stopping. Such failures are counted
 * ({@code clients_disconnected_total}) and logged at debug level, not as errors with a stack trace, so
 * that real errors stand out (issue 24: 55 error traces in one benchmark).
 */
public final class DisconnectedClients {

    private static final Logger log = LoggerFactory.getLogger(DisconnectedClients.class);

    private final Counter disconnected;

    public DisconnectedClients(MeterRegistry meters) {
        this.disconnected = Counter.builder("clients.disconnected")
                .description("Answers not delivered because the client had closed its connection")
                .register(meters);
    }

    /** Whether {@code error}, or anything that caused it, says the client went away. */
    public static boolean isDisconnect(Throwable error) {
        Throwable cause = error;
        // bounded: a cause chain can loop
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (DisconnectedClientHelper.isClientDisconnectedException(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts and logs {@code error} if it is a disconnect, and says whether it was; the caller then writes
     * nothing more (there is no one to read it).
     */
    public boolean handled(Throwable error, String request) {
        if (!isDisconnect(error)) {
            return false;
        }
        disconnected.increment();
        log.debug("The client of {} went away before its answer: {}", request, error.toString());
        return true;
    }
}
