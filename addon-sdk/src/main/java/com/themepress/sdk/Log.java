package com.themepress.sdk;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One-line logs on stdout/stderr, which is what a container's log driver collects. Deliberately
 * not java.util.logging: its two-line default format is noisy, and a jlinked runtime may lack it.
 */
final class Log {

    private Log() {
    }

    static void info(String message) {
        System.out.println(Instant.now() + " INFO  " + message);
    }

    static void error(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        System.err.print(Instant.now() + " ERROR " + message + System.lineSeparator() + trace);
    }
}
