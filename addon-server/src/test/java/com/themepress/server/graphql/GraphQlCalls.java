package com.themepress.server.graphql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;

/** Posts GraphQL documents as a client would, with the REST headers (X-API-Key, Origin). */
final class GraphQlCalls {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    GraphQlCalls(String url) {
        this.url = url;
    }

    /** The response body: {@code data} and/or {@code errors}. */
    JsonNode post(String query, Map<String, Object> variables, @Nullable String key, @Nullable String origin) {
        String body = StrictJson.mapper().writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return StrictJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode post(String query, @Nullable String key) {
        return post(query, Map.of(), key, null);
    }

    /** The first error's {@code extensions.type}. */
    static String errorType(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("type").asString();
    }

    /** The first error's {@code extensions.errors} pointers. */
    static List<String> pointers(JsonNode response) {
        List<String> pointers = new ArrayList<>();
        response.path("errors").path(0).path("extensions").path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
        return pointers;
    }
}
