package com.themepress.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The host API over HTTP: {@code THEMEPRESS_HOST_API} plus {@code /v1/...}, the call's token in
 * {@code X-Themepress-Token}. One client for the container, kept alive between calls.
 */
final class HttpHostApi implements HostApi, Storage, Events {

    static final HttpHostApi NONE = new HttpHostApi(null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final @Nullable String base;
    private final @Nullable String token;

    HttpHostApi(@Nullable String base, @Nullable String token) {
        this.base = base == null || base.isBlank() ? null : (base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    public Storage storage() {
        return this;
    }

    @Override
    public Events events() {
        return this;
    }

    @Override
    public JsonNode site() {
        return send("GET", "/v1/site", null, null).body();
    }

    @Override
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public Optional<StoredDocument> get(String collection, String id) {
        Answer answer = send("GET", path(collection, id), null, null, 404);
        return answer.status() == 404 ? Optional.empty() : Optional.of(document(answer.body()));
    }

    @Override
    public StoredDocument put(String collection, String id, Object data) {
        return document(send("PUT", path(collection, id), Json.tree(data), null).body());
    }

    @Override
    public StoredDocument put(String collection, String id, Object data, long expectedVersion) {
        return document(send("PUT", path(collection, id), Json.tree(data), new String[] {"If-Match", "\"" + expectedVersion + "\""}).body());
    }

    @Override
    public StoredDocument create(String collection, String id, Object data) {
        return document(send("PUT", path(collection, id), Json.tree(data), new String[] {"If-None-Match", "*"}).body());
    }

    @Override
    public boolean delete(String collection, String id) {
        return send("DELETE", path(collection, id), null, null, 404).status() != 404;
    }

    @Override
    public List<StoredDocument> query(String collection, StorageQuery query) {
        List<StoredDocument> found = new ArrayList<>();
        send("POST", "/v1/storage/" + encode(collection) + "/_query", query.toJson(), null).body().path("documents")
                .forEach(node -> found.add(document(node)));
        return found;
    }

    @Override
    public void publish(String type, Object data) {
        send("POST", "/v1/events", Json.object("type", type, "data", Json.tree(data)), null);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, @Nullable JsonNode body, String @Nullable [] header, int... tolerated) {
        if (base == null || token == null) {
            throw new HostApiException(Problem.of(503, "no host API for this call (THEMEPRESS_HOST_API or the call's token is missing)"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("X-Themepress-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (header != null) {
            request.header(header[0], header[1]);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HostApiException(Problem.of(503, "the host API could not be reached: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostApiException(Problem.of(503, "interrupted while calling the host API"));
        }
        JsonNode json = response.body().isEmpty() ? Json.object() : Json.parse(response.body());
        int status = response.statusCode();
        for (int allowed : tolerated) {
            if (status == allowed) {
                return new Answer(status, json);
            }
        }
        if (status >= 300) {
            throw new HostApiException(new Problem(json.path("type").asString(Problem.of(status, "").type()),
                    json.path("title").asString("Host API error"), status, json.path("detail").asString("HTTP " + status)));
        }
        return new Answer(status, json);
    }

    private static String path(String collection, String id) {
        return "/v1/storage/" + encode(collection) + "/" + encode(id);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static StoredDocument document(JsonNode json) {
        return new StoredDocument(json.path("collection").asString(""), json.path("id").asString(""), json.path("version").asLong(),
                json.path("data"));
    }
}
