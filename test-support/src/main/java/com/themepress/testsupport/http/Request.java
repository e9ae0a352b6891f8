package com.themepress.testsupport.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.Headers;

/** One request an {@link HttpFake} received, its body read in full. */
public record Request(String method, URI uri, Headers headers, byte[] body) {

    public String path() {
        return uri.getPath();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's first value, or null (names are case-insensitive). */
    public String header(String name) {
        return headers.getFirst(name);
    }
}
