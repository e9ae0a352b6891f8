package com.themepress.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reading bounded JSON bodies from, and writing replies to, the JDK server's exchanges. */
final class Exchanges {

    /**
     * How much of an oversized body is read and dropped before answering 413. Answering without
     * reading makes many clients see a reset connection instead of the 413; past this much, the
     * sender is not a well-meaning client and the connection is simply closed after the answer.
     */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

    private Exchanges() {
    }

    static byte[] readBody(HttpExchange exchange, int maxBytes) throws IOException {
        InputStream in = exchange.getRequestBody();
        long declared = declaredLength(exchange.getRequestHeaders());
        if (declared > maxBytes) {
            if (declared - maxBytes <= DRAIN_LIMIT) {
                drain(in);
            }
            throw tooLarge(maxBytes);
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            drain(in);
            throw tooLarge(maxBytes);
        }
        return body;
    }

    /** The body as JSON; an empty body is an empty object, because "no data" is a valid call. */
    static JsonNode json(byte[] body) {
        if (isBlank(body)) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProblemException(Problem.of(400, "malformed-json", "Body is not well-formed JSON",
                    e.getOriginalMessage() + where));
        }
    }

    static void send(HttpExchange exchange, Reply reply, String instanceId) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("X-Instance-Id", instanceId);
            reply.headers().forEach(headers::set);
            if (reply.body().length == 0) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            if (reply.contentType() != null) {
                headers.set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException clientGone) {
            // the caller hung up (often its own timeout); there is no one left to answer
        }
    }

    /** Something that writes a body (a {@link StreamingHandler} bound to its call). */
    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws Exception;
    }

    /** 200 application/json, chunked, written by {@code writer}; a failure once writing began can only end it early. */
    static void stream(HttpExchange exchange, BodyWriter writer, String instanceId) {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Instance-Id", instanceId);
            exchange.getResponseHeaders().set("Content-Type", Reply.JSON);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                writer.write(out);
            }
        } catch (IOException clientGone) {
            // the caller hung up, e.g. at its answer limit
        } catch (Exception failed) {
            Log.error("streaming " + exchange.getRequestURI().getPath() + " failed after the answer began", failed);
        }
    }

    private static long declaredLength(Headers headers) {
        String value = headers.getFirst("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server has already refused a malformed length; be lenient here
        }
    }

    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] sink = new byte[16 * 1024];
        int read;
        while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= read;
        }
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(413, "the body is larger than the " + maxBytes + " bytes this addon accepts");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
