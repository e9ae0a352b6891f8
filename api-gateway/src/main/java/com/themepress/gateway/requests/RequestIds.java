package com.themepress.gateway.requests;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * {@code X-Request-Id}: a caller's own id is kept when it is 1 to 128 characters of letters, digits and
 * {@code . _ : -} (it goes into logs, headers and problem bodies, so nothing else may ride along);
 * otherwise the gateway makes one, 128 random bits in hex. Not a secret, so no SecureRandom on the hot path.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Where the WebFlux filter leaves the id for the rest of the exchange (problem answers). */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";
    /** The problem-body member that carries it. */
    public static final String PROBLEM_MEMBER = "requestId";
    static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** The id of a request that came in with {@code incoming} (null when it had none). */
    public static String of(@Nullable String incoming) {
        return incoming != null && valid(incoming) ? incoming : newId();
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
