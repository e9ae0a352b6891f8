package com.themepress.sdk;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the server runs. The queue is bounded like the threads: an addon that cannot keep up should
 * refuse work the platform can retry elsewhere rather than pile up memory until it is killed.
 *
 * @param port         explicit port, or null to use {@code PORT} and then 3000
 * @param threads      worker threads
 * @param queueCapacity calls waiting for a worker before new connections are refused
 * @param maxBodyBytes largest request body accepted
 */
record ServerSettings(@Nullable Integer port, int threads, int queueCapacity, int maxBodyBytes) {

    static final int DEFAULT_PORT = 3000;
    static final ServerSettings DEFAULTS = new ServerSettings(null, 16, 256, 1024 * 1024);

    ServerSettings {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        if (threads < 1 || queueCapacity < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("threads and queueCapacity must be positive, maxBodyBytes not negative");
        }
    }

    /** The port to bind: the explicit one, else {@code PORT}, else 3000. */
    int resolvePort(Map<String, String> environment) {
        if (port != null) {
            return port;
        }
        String fromEnv = environment.get("PORT");
        if (fromEnv == null || fromEnv.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(fromEnv.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PORT '" + fromEnv + "' is not a number", e);
        }
    }

    ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, threads, queueCapacity, maxBodyBytes);
    }

    ServerSettings withThreads(int newThreads) {
        return new ServerSettings(port, newThreads, queueCapacity, maxBodyBytes);
    }

    ServerSettings withMaxBodyBytes(int newMax) {
        return new ServerSettings(port, threads, queueCapacity, newMax);
    }
}
