package com.themepress.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain JDK HTTP client for black-box tests: what a real caller sends, byte for byte. */
public final class ApiClient {

    public static final String ADMIN_KEY = "test-admin-key";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String path) {
        return get(path, null);
    }

    public Reply get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), key);
    }

    public Reply delete(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), key);
    }

    public Reply post(String path, String body, String key) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), key, "application/json");
    }

    public Reply post(String path, byte[] body, String key, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, key);
    }

    public Reply put(String path, byte[] body, String key, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        return send(request, key);
    }

    /** A fresh developer key, created the way an operator would. */
    public String developerKey(String developer) {
        Reply reply = post("/api/keys", "{\"developer\":\"" + developer + "\"}", ADMIN_KEY);
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create key: " + reply);
        }
        return reply.json().get("key").asString();
    }

    private Reply send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return MAPPER.readTree(body);
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        /** JSON pointers listed in a problem's {@code errors}. */
        public java.util.List<String> pointers() {
            java.util.List<String> pointers = new java.util.ArrayList<>();
            json().path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
            return pointers;
        }
    }
}
