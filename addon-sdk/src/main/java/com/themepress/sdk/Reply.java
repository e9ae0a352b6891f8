package com.themepress.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** An HTTP answer ready to write: the router's single output shape, whatever produced it. */
record Reply(int status, @Nullable String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, Json.mapper().writeValueAsBytes(body), Map.of());
    }

    static Reply problem(Problem problem) {
        return new Reply(problem.status(), PROBLEM_JSON, Json.mapper().writeValueAsBytes(problem), Map.of());
    }

    static Reply of(Result result) {
        if (result.body() == null) {
            return new Reply(result.status(), null, new byte[0], Map.of());
        }
        String type = result.body() instanceof Problem ? PROBLEM_JSON : JSON;
        return new Reply(result.status(), type, Json.mapper().writeValueAsBytes(result.json()), Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(more));
    }
}
