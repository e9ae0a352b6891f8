package com.themepress.runtime.hostapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemJson;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;

/**
 * One host API request: admitted only with a token whose call is running (or just ended) on the
 * instance at the request's source address, then relayed to the addon-server's
 * {@code /internal/host/...} with the service key. The addon-server checks the token's signature again
 * and the site's grant per operation; this side decides who may knock at all.
 */
@Component
class HostApiRelay implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(HostApiRelay.class);
    static final String PREFIX = "/v1/";
    /** Headers a container may send on to the addon-server; everything else (a service key above all) stays behind. */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "If-Match", "If-None-Match", "Accept");
    private static final List<String> ANSWER_HEADERS = List.of("Content-Type", "ETag", "Retry-After");

    private final CallTokens tokens;
    private final HostApiProperties props;
    private final ServiceKeyProperties serviceKey;
    private final HostApiMetrics metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();

    HostApiRelay(CallTokens tokens, HostApiProperties props, ServiceKeyProperties serviceKey, HostApiMetrics metrics) {
        this.tokens = tokens;
        this.props = props;
        this.serviceKey = serviceKey;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String[] addon = {"unknown"};
        try {
            serve(exchange, addon);
        } catch (HttpTimeoutException timeout) {
            metrics.record(addon[0], "error");
            problem(exchange, new PlatformException(ProblemType.UPSTREAM_TIMEOUT, "The addon-server did not answer in time."));
        } catch (IOException | RuntimeException failed) {
            log.debug("Host API request failed", failed);
            metrics.record(addon[0], "error");
            problem(exchange, new PlatformException(ProblemType.UNAVAILABLE, "The host API cannot reach the addon-server now."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** {@code addon[0]} is set to the token's addon once it is known, for the metrics of a failure. */
    private void serve(HttpExchange exchange, String[] addon) throws IOException, InterruptedException {
        {
            String source = exchange.getRemoteAddress().getAddress().getHostAddress();
            String text = InvocationTokens.fromHeaders(exchange.getRequestHeaders().getFirst(InvocationToken.HEADER),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            Optional<InvocationToken> token = tokens.admit(text, source);
            if (token.isEmpty()) {
                metrics.record(addon[0], "unauthenticated");
                problem(exchange, new PlatformException(ProblemType.UNAUTHENTICATED, "The host API needs the invocation token of a call"
                        + " this instance is serving, in " + InvocationToken.HEADER + "; a token is good only during its call."));
                return;
            }
            addon[0] = token.get().addon();
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(PREFIX) || path.contains("/.") || path.contains("%2") || path.contains("%5") || path.contains("//")) {
                metrics.record(addon[0], "not_found");
                problem(exchange, new PlatformException(ProblemType.NOT_FOUND, "The host API has /v1/storage, /v1/events and /v1/site."));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                metrics.record(addon[0], "too_large");
                problem(exchange, new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
                        "Host API requests are at most " + props.maxBody().toBytes() + " bytes."));
                return;
            }
            HttpResponse<byte[]> answer = http.send(relayed(exchange, path, text, body), HttpResponse.BodyHandlers.ofByteArray());
            metrics.record(addon[0], outcome(answer.statusCode()));
            for (String name : ANSWER_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().set(name, value));
            }
            send(exchange, answer.statusCode(), answer.body());
        }
    }

    private HttpRequest relayed(HttpExchange exchange, String path, String token, byte[] body) {
        String query = exchange.getRequestURI().getRawQuery();
        URI target = props.addonServer().resolve("/internal/host/" + path.substring(PREFIX.length()) + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(props.timeout())
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header(InvocationToken.HEADER, token);
        for (String name : REQUEST_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        serviceKey.key().ifPresent(key -> request.header(ServiceKeyProperties.HEADER, key));
        return request.build();
    }

    /** The body, or null when it is over the limit. */
    private byte[] readBody(InputStream in) throws IOException {
        long limit = props.maxBody().toBytes();
        byte[] read = in.readNBytes((int) limit + 1);
        return read.length > limit ? null : read;
    }

    static String outcome(int status) {
        if (status < 300) {
            return "success";
        }
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409, 412 -> "conflict";
            case 413, 429 -> "quota";
            default -> status < 500 ? "client_error" : "error";
        };
    }

    private static void problem(HttpExchange exchange, PlatformException problem) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", ProblemJson.MEDIA_TYPE);
        send(exchange, problem.getStatusCode().value(), ProblemJson.bytes(problem.getBody()));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
