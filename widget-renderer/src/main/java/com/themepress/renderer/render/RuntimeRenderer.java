package com.themepress.renderer.render;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.fragment.WidgetOutput;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders through the addon-runtime: {@code POST /runtime/deployments/{name}/{version}/render/{widget}}
 * with {@code {config, context}}. A 404 without {@code X-Instance-Id} means the runtime does not know
 * the version yet: the deployment spec is PUT and the call sent once more. The addon's 2xx must be
 * {@code {html, css, javascript}}; its 4xx is relayed; its 5xx, a timeout or a full runtime become
 * the platform's 502/504/503, which the cache may answer with the last good render.
 * Each call is timed as {@code widget_render_time_seconds{addon_id,widget_id}}.
 */
@Component
class RuntimeRenderer {

    static final int MAX_ANSWER = 2 * 1024 * 1024;

    private final UpstreamProperties upstreams;
    private final MeterRegistry meters;
    private final HttpClient http;

    RuntimeRenderer(UpstreamProperties upstreams, MeterRegistry meters) {
        this.upstreams = upstreams;
        this.meters = meters;
        this.http = UpstreamHttpClients.create(upstreams.connectTimeout());
    }

    WidgetOutput render(ResolvedWidget widget, JsonNode config, RenderContext context) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.set("config", config);
        body.set("context", context.toJson());
        byte[] payload = StrictJson.mapper().writeValueAsBytes(body);
        String path = deploymentPath(widget) + "/render/" + widget.widget();
        Duration timeout = Duration.ofMillis(widget.timeoutMs()).plus(upstreams.renderMargin());
        Timer.Sample sample = Timer.start(meters);
        try {
            HttpResponse<byte[]> response = post(path, payload, timeout, context.requestId());
            if (response.statusCode() == 404 && response.headers().firstValue("X-Instance-Id").isEmpty()) {
                deploy(widget);
                response = post(path, payload, timeout, context.requestId());
            }
            return interpret(widget, response);
        } finally {
            sample.stop(Timer.builder("widget.render.time")
                    .description("Render calls to addons through the runtime")
                    .tags("addon_id", widget.addon(), "widget_id", widget.widget())
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                            Duration.ofMillis(500), Duration.ofSeconds(1))
                    .register(meters));
        }
    }

    private WidgetOutput interpret(ResolvedWidget widget, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        if (status >= 200 && status < 300) {
            if (response.body().length > MAX_ANSWER) {
                throw new PlatformException(ProblemType.UPSTREAM_FAILED, widget.addon() + "'s render answer is over 2 MiB.");
            }
            try {
                JsonNode answer = StrictJson.mapper().readTree(response.body());
                if (!answer.isObject() || !textOrAbsent(answer, "html") || !textOrAbsent(answer, "css") || !textOrAbsent(answer, "javascript")) {
                    throw new PlatformException(ProblemType.UPSTREAM_FAILED,
                            widget.addon() + " answered a render that is not {html, css, javascript} strings.");
                }
                return new WidgetOutput(answer.path("html").asString(""), answer.path("css").asString(""),
                        answer.path("javascript").asString(""));
            } catch (JacksonException e) {
                throw new PlatformException(ProblemType.UPSTREAM_FAILED, widget.addon() + " answered a render that is not JSON.");
            }
        }
        if (status >= 400 && status < 500 && response.headers().firstValue("X-Instance-Id").isPresent()) {
            throw new AddonRejected(status, contentType, response.body());
        }
        ProblemType type = switch (status) {
            case 503, 429 -> ProblemType.UNAVAILABLE;
            case 504 -> ProblemType.UPSTREAM_TIMEOUT;
            default -> ProblemType.UPSTREAM_FAILED;
        };
        throw new PlatformException(type, "Rendering " + widget.addon() + "/" + widget.widget() + " failed: the runtime answered "
                + status + detailOf(response.body()));
    }

    private static boolean textOrAbsent(JsonNode answer, String field) {
        return !answer.has(field) || answer.get(field).isString() || answer.get(field).isNull();
    }

    private static String detailOf(byte[] body) {
        try {
            String detail = StrictJson.mapper().readTree(body).path("detail").asString("");
            return detail.isEmpty() ? "." : " (" + (detail.length() > 200 ? detail.substring(0, 200) : detail) + ").";
        } catch (JacksonException e) {
            return ".";
        }
    }

    private void deploy(ResolvedWidget widget) {
        HttpRequest request = HttpRequest.newBuilder(upstreams.runtime().resolve(deploymentPath(widget)))
                .timeout(upstreams.deployTimeout())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(widget.deployment()))
                .build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() >= 300) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The runtime refused to deploy " + widget.addon() + "@"
                    + widget.version() + " (" + response.statusCode() + ")" + detailOf(response.body()));
        }
    }

    private HttpResponse<byte[]> post(String path, byte[] body, Duration timeout, @Nullable String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstreams.runtime().resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The addon did not render in time.");
        } catch (IOException e) {
            throw new PlatformException(ProblemType.UNAVAILABLE, "The addon runtime is not reachable; try again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(ProblemType.UNAVAILABLE, "Interrupted while rendering.");
        }
    }

    private static String deploymentPath(ResolvedWidget widget) {
        return "/runtime/deployments/" + widget.addon() + "/" + widget.version();
    }
}
