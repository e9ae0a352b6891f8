package com.themepress.gateway.widgets;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.ProblemDetail;

import com.themepress.gateway.problem.GatewayProblems;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proxies {@code GET /api/widgets/{addon}/{widget}} to the widget renderer at the Netty level,
 * ahead of Spring WebFlux and Spring Cloud Gateway. Widget fetches are the platform's hottest call
 * (every page view, every widget) and mostly L1 hits that cost the renderer a few microseconds;
 * the gateway's general route machinery cost about ten times that per request and capped widget
 * traffic at a tenth of what a static file server serves (docs/widget-rendering.md has the
 * numbers). This path does only what a widget GET needs: forward the request line and end-to-end
 * headers over a pooled keep-alive connection, add the X-Forwarded headers, relay the answer, and
 * answer the gateway's own failures in the platform's problem shape. Every other method and path,
 * the catalogue {@code /api/widgets} included, stays with the route table in application.yml.
 */
public final class WidgetEdge implements NettyRouteProvider, DisposableBean {

    static final String PATH = "/api/widgets/";
    /** Connection-scoped headers that a proxy must not pass on (RFC 9110 section 7.6.1), plus the framing it sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private static final byte[] EMPTY = new byte[0];

    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    private final String renderer;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final JsonMapper json;
    private final WidgetEdgeMetrics metrics;

    WidgetEdge(URI renderer, WidgetEdgeProperties properties, JsonMapper json, WidgetEdgeMetrics metrics) {
        this.renderer = renderer.toString().replaceAll("/+$", "");
        this.connections = ConnectionProvider.builder("widget-edge")
                .maxConnections(properties.maxConnections())
                .maxIdleTime(Duration.ofSeconds(15)) // under the renderer's keep-alive timeout, so an idle connection is not reused as it closes
                .pendingAcquireTimeout(properties.connectTimeout().plus(properties.responseTimeout()))
                .build();
        this.client = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.responseTimeout());
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(WidgetEdge::isWidgetGet, this::proxy);
    }

    /** GET of exactly {@code /api/widgets/{addon}/{widget}}, with or without a query. */
    static boolean isWidgetGet(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && isWidgetPath(request.uri());
    }

    static boolean isWidgetPath(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith(PATH)) {
            return false;
        }
        int slash = path.indexOf('/', PATH.length());
        return slash > PATH.length() && slash < path.length() - 1 && path.indexOf('/', slash + 1) < 0;
    }

    private Publisher<Void> proxy(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        return client.request(HttpMethod.GET)
                .uri(renderer + request.uri())
                .send((upstream, out) -> {
                    forwardHeaders(request, upstream.requestHeaders());
                    return Mono.empty();
                })
                .responseSingle((upstream, body) -> body.asByteArray()
                        .defaultIfEmpty(EMPTY)
                        .map(bytes -> new Answer(upstream.status().code(), upstream.responseHeaders(), bytes)))
                .flatMap(answer -> relay(answer, response))
                .onErrorResume(error -> problem(error, request, response))
                .doFinally(signal -> metrics.record(response.status().code(), System.nanoTime() - started));
    }

    private static void forwardHeaders(HttpServerRequest request, HttpHeaders upstream) {
        HttpHeaders incoming = request.requestHeaders();
        upstream.remove(HttpHeaderNames.USER_AGENT); // the client's defaults; the caller's own come next
        upstream.remove(HttpHeaderNames.ACCEPT);
        for (Map.Entry<String, String> header : incoming) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                upstream.add(header.getKey(), header.getValue());
            }
        }
        InetSocketAddress client = request.remoteAddress();
        if (client != null) {
            String address = client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString();
            String chain = incoming.get("X-Forwarded-For");
            upstream.set("X-Forwarded-For", chain == null ? address : chain + ", " + address);
        }
        upstream.set("X-Forwarded-Proto", request.scheme());
        String host = incoming.get(HttpHeaderNames.HOST);
        if (host != null) {
            upstream.set("X-Forwarded-Host", host);
        }
    }

    private static Mono<Void> relay(Answer answer, HttpServerResponse response) {
        response.status(answer.status());
        HttpHeaders headers = response.responseHeaders();
        for (Map.Entry<String, String> header : answer.headers()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (answer.status() == HttpResponseStatus.NOT_MODIFIED.code() || answer.status() == HttpResponseStatus.NO_CONTENT.code()) {
            return response.send().then();
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        return response.sendByteArray(Mono.just(answer.body())).then();
    }

    private Mono<Void> problem(Throwable error, HttpServerRequest request, HttpServerResponse response) {
        if (response.hasSentHeaders()) {
            return Mono.error(error);
        }
        ProblemDetail problem = GatewayProblems.of(error);
        int query = request.uri().indexOf('?');
        problem.setInstance(URI.create(query < 0 ? request.uri() : request.uri().substring(0, query)));
        byte[] body = json.writeValueAsBytes(problem);
        response.responseHeaders().clear();
        return response.status(problem.getStatus())
                .header(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
