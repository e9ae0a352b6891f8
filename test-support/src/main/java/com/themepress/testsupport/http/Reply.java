package com.themepress.testsupport.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link HttpFake} route answers: a status, headers (one value each) and a body, or no body
 * at all ({@code null}: no Content-Length, as for a 304 or a bare 404).
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    /** A status and nothing else. */
    public static Reply status(int status) {
        return new Reply(status, Map.of(), null);
    }

    public static Reply json(int status, String json) {
        return body(status, "application/json", json);
    }

    public static Reply problem(int status, String json) {
        return body(status, "application/problem+json", json);
    }

    public static Reply body(int status, String contentType, String text) {
        return new Reply(status, Map.of("Content-Type", contentType), text.getBytes(StandardCharsets.UTF_8));
    }

    /** This reply with one more header (or another value for it). */
    public Reply with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body);
    }
}
