package com.themepress.model.problem;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Map;

import org.springframework.http.ProblemDetail;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of {@code application/problem+json} bodies for code that answers outside Spring
 * MVC (servlet filters, WebFlux error handlers, the gateway's Netty-level widget edge). Each caller
 * only moves the bytes onto its transport. The members are those Spring's ProblemDetail support
 * writes: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} (each left
 * out when absent) and the extra members such as {@code errors} at the top level (RFC 9457).
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";

    // extra members are records and lists of them; nothing here needs the services' own mapper settings
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProblemJson() {
    }

    /** The body of {@code problem}, written member by member (no reflection over ProblemDetail). */
    public static byte[] bytes(ProblemDetail problem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartObject();
            if (problem.getType() != null) {
                json.writeStringProperty("type", problem.getType().toString());
            }
            writeIfPresent(json, "title", problem.getTitle());
            json.writeNumberProperty("status", problem.getStatus());
            writeIfPresent(json, "detail", problem.getDetail());
            if (problem.getInstance() != null) {
                json.writeStringProperty("instance", problem.getInstance().toString());
            }
            Map<String, Object> extras = problem.getProperties();
            if (extras != null) {
                for (Map.Entry<String, Object> extra : extras.entrySet()) {
                    json.writePOJOProperty(extra.getKey(), extra.getValue());
                }
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Gives {@code problem} the request's path as its {@code instance} unless it has one already.
     * The query is dropped; a path that is no URI (a stray {@code %}) leaves the problem without one.
     */
    public static ProblemDetail at(ProblemDetail problem, String requestTarget) {
        if (problem.getInstance() != null) {
            return problem;
        }
        int query = requestTarget.indexOf('?');
        try {
            problem.setInstance(URI.create(query < 0 ? requestTarget : requestTarget.substring(0, query)));
        } catch (IllegalArgumentException unparsable) {
            // the problem still goes out, without an instance
        }
        return problem;
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) {
        if (value != null && !value.isEmpty()) {
            json.writeStringProperty(name, value);
        }
    }
}
