package com.themepress.model.requests;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * {@code X-Request-Id}, made or kept at the gateway and passed on by every service on the request's
 * path, down to the addon container. A caller's own id is kept when it is 1 to 128 characters of letters, digits and
 * {@code . _ : -} (it goes into logs, headers and problem bodies, so nothing else may ride along);
 * otherwise the gateway makes one, 128 random bits in hex. Not a secret, so no SecureRandom on the hot path.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Where the filters leave the id for the rest of the exchange or request (problem answers, error pages). */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /** The MDC entry the servlet services log it under ({@code %X{requestId}} in their log pattern). */
    public static final String MDC_KEY = "requestId";
    /** The problem-body member that carries it. */
    public static final String PROBLEM_MEMBER = "requestId";
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id of a request that came in with {@code incoming} (null when it had none). */
    public static String of(@Nullable String incoming) {
        return incoming != null && valid(incoming) ? incoming : newId();
    }

    /** The id of the request this thread is serving, as the servlet filter put it in the MDC; null outside one. */
    public static @Nullable String current() {
        return MDC.get(MDC_KEY);
    }

    static boolean valid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String newId() {
        // on every request that comes without an id (widget GETs at the edge among them): no format parsing
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] hex = new char[32];
        fill(hex, 0, random.nextLong());
        fill(hex, 16, random.nextLong());
        return new String(hex);
    }

    private static void fill(char[] hex, int at, long bits) {
        for (int i = 15; i >= 0; i--) {
            hex[at + i] = Character.forDigit((int) (bits & 0xf), 16);
            bits >>>= 4;
        }
    }
}
