package com.themepress.runtime.hostapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemJson;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.runtime.wasm.HostBridge;

import tools.jackson.databind.JsonNode;

/**
 * The host API for WebAssembly modules: each host function is the request a container would make
 * through the listener, sent straight to the addon-server's {@code /internal/host/...} with the call's
 * token and the service key. The token never enters the module, so no module can show another's;
 * the addon-server checks it and the site's grant exactly as for a container.
 */
@Component
public class HostApiCalls {

    private static final Pattern COLLECTION = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$");

    private final HostApiProperties props;
    private final ServiceKeyProperties serviceKey;
    private final HostApiMetrics metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    HostApiCalls(HostApiProperties props, ServiceKeyProperties serviceKey, HostApiMetrics metrics) {
        this.props = props;
        this.serviceKey = serviceKey;
        this.metrics = metrics;
    }

    /** The host functions of one call of {@code addon}, speaking with {@code token} (null: tokens are off, every request is 401). */
    public HostBridge bridge(String addon, @Nullable String token) {
        return (function, request) -> answer(call(addon, token, function, request));
    }

    private record Outcome(int status, @Nullable JsonNode body) {
    }

    private Outcome call(String addon, @Nullable String token, String function, byte[] request) {
        if (token == null) {
            metrics.record("unknown", "unauthenticated");
            return problem(new PlatformException(ProblemType.UNAUTHENTICATED, "The host API is off on this runtime."));
        }
        if (request.length > props.maxBody().toBytes()) {
            metrics.record(addon, "too_large");
            return problem(new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
                    "Host API requests are at most " + props.maxBody().toBytes() + " bytes."));
        }
        HttpRequest.Builder http;
        try {
            http = request(function, StrictJson.parse(request));
        } catch (PlatformException refused) {
            metrics.record(addon, "client_error");
            return problem(refused);
        } catch (RuntimeException notJson) {
            metrics.record(addon, "client_error");
            return problem(new PlatformException(ProblemType.INVALID_REQUEST, "A host function takes a JSON object."));
        }
        http.timeout(props.timeout()).header(InvocationToken.HEADER, token);
        serviceKey.key().ifPresent(key -> http.header(ServiceKeyProperties.HEADER, key));
        try {
            HttpResponse<byte[]> answer = this.http.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            metrics.record(addon, HostApiRelay.outcome(answer.statusCode()));
            JsonNode body = answer.body().length == 0 ? null : StrictJson.parse(answer.body());
            return new Outcome(answer.statusCode(), body);
        } catch (HttpTimeoutException timeout) {
            metrics.record(addon, "error");
            return problem(new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The addon-server did not answer in time."));
        } catch (IOException | RuntimeException failed) {
            metrics.record(addon, "error");
            return problem(new PlatformException(ProblemType.UNAVAILABLE, "The host API cannot reach the addon-server now."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(new PlatformException(ProblemType.UNAVAILABLE, "Interrupted."));
        }
    }

    /** The HTTP request a host function stands for, as docs/host-api.md lists them. */
    private HttpRequest.Builder request(String function, JsonNode in) {
        if (!in.isObject()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "A host function takes a JSON object.");
        }
        return switch (function) {
            case "storage_get" -> to("storage/" + collection(in) + "/" + id(in)).GET();
            case "storage_put" -> conditions(to("storage/" + collection(in) + "/" + id(in)), in)
                    .PUT(json(in.has("data") ? in.get("data") : null));
            case "storage_delete" -> conditions(to("storage/" + collection(in) + "/" + id(in)), in).DELETE();
            case "storage_query" -> to("storage/" + collection(in) + "/_query").POST(json(in.get("query")));
            case "events_publish" -> {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", in.get("type"));
                event.put("data", in.get("data"));
                yield to("events").POST(HttpRequest.BodyPublishers.ofByteArray(StrictJson.mapper().writeValueAsBytes(event)));
            }
            case "site_get" -> to("site").GET();
            default -> throw new PlatformException(ProblemType.NOT_FOUND, "No host function " + function + ".");
        };
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(props.addonServer().resolve("/internal/host/" + path).toString()))
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.Builder conditions(HttpRequest.Builder request, JsonNode in) {
        JsonNode ifMatch = in.get("ifMatch");
        if (ifMatch != null && ifMatch.isIntegralNumber()) {
            request.header("If-Match", "\"" + ifMatch.asLong() + "\"");
        }
        if (in.path("ifAbsent").asBoolean(false)) {
            request.header("If-None-Match", "*");
        }
        return request;
    }

    private static HttpRequest.BodyPublisher json(@Nullable JsonNode body) {
        JsonNode value = body == null || body.isNull() ? StrictJson.mapper().createObjectNode() : body;
        return HttpRequest.BodyPublishers.ofByteArray(StrictJson.mapper().writeValueAsBytes(value));
    }

    private static String collection(JsonNode in) {
        return named(in, "collection", COLLECTION);
    }

    private static String id(JsonNode in) {
        return named(in, "id", ID);
    }

    private static String named(JsonNode in, String field, Pattern pattern) {
        JsonNode value = in.get(field);
        if (value == null || !value.isString() || !pattern.matcher(value.asString()).matches()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + field + "' must match " + pattern.pattern() + ".");
        }
        return value.asString();
    }

    private static Outcome problem(PlatformException problem) {
        return new Outcome(problem.getStatusCode().value(), StrictJson.parse(ProblemJson.bytes(problem.getBody())));
    }

    private static byte[] answer(Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", outcome.status());
        answer.put("body", outcome.body());
        return StrictJson.mapper().writeValueAsBytes(answer);
    }
}
