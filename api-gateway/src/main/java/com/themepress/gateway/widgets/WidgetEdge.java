package com.themepress.gateway.widgets;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.ProblemDetail;

import com.themepress.gateway.RequestTargets;
import com.themepress.gateway.cors.EdgeCors;
import com.themepress.gateway.exposure.SecurityHeaders;
import com.themepress.gateway.limits.RateLimitDecision;
import com.themepress.gateway.limits.RateLimitHeaders;
import com.themepress.gateway.limits.RateLimiter;
import com.themepress.gateway.limits.RouteClass;
import com.themepress.model.requests.DisconnectedClients;
import com.themepress.model.requests.RequestIds;
import com.themepress.gateway.problem.GatewayProblems;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemJson;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Proxies {@code GET /api/widgets/{addon}/{widget}} to the widget renderer at the Netty level,
 * ahead of Spring WebFlux and Spring Cloud Gateway. Widget fetches are the platform's hottest call
 * (every page view, every widget) and mostly L1 hits that cost the renderer a few microseconds;
 * the gateway's general route machinery cost about ten times that per request and capped widget
 * traffic at a tenth of what a static file server serves (docs/widget-rendering.md has the
 * numbers). This path does only what a widget GET needs: forward the request line and end-to-end
 * headers over a pooled keep-alive connection, add the X-Forwarded headers and the gateway's service
 * key (a client's {@code X-Service-Key} is never passed on), relay the answer, and
 * answer the gateway's own failures in the platform's problem shape. It applies the gateway's CORS policy
 * and the widgets rate limit as the WebFlux filters do for every other route: at most one Redis call,
 * made without blocking the event loop. Every other method and path,
 * the catalogue {@code /api/widgets} included, stays with the route table in application.yml.
 */
public final class WidgetEdge implements NettyRouteProvider {

    private static final Logger log = LoggerFactory.getLogger(WidgetEdge.class);

    static final String PATH = "/api/widgets/";
    private static final AsciiString SERVICE_KEY = AsciiString.cached(ServiceKeyProperties.HEADER);
    /**
     * Connection-scoped headers that a proxy must not pass on (RFC 9110 section 7.6.1), plus the framing it
     * sets itself, plus the service key: only the gateway's own goes to the renderer.
     */
    private static final AsciiString[] NOT_FORWARDED = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.HOST,
            HttpHeaderNames.CONTENT_LENGTH, SERVICE_KEY};
    /** Headers the edge sets itself before it answers, kept when it answers with a problem instead. */
    private static final String[] EDGE_HEADERS = {RateLimitHeaders.LIMIT, RateLimitHeaders.REMAINING, RateLimitHeaders.RESET,
            RateLimitHeaders.RETRY_AFTER, RequestIds.HEADER, "Access-Control-Allow-Origin", "Access-Control-Expose-Headers",
            "Access-Control-Allow-Credentials", "Vary"};
    private static final String API_KEY = "X-API-Key";

    private final RendererConnections connections;
    private final WidgetEdgeMetrics metrics;
    private final @Nullable AsciiString serviceKey;
    private final RateLimiter limiter;
    private final EdgeCors cors;
    private final SecurityHeaders securityHeaders;
    private final DisconnectedClients disconnected;

    WidgetEdge(URI renderer, ServiceKeyProperties serviceKey, WidgetEdgeProperties properties, WidgetEdgeMetrics metrics,
            RateLimiter limiter, EdgeCors cors, SecurityHeaders securityHeaders, DisconnectedClients disconnected) {
        this.limiter = limiter;
        this.disconnected = disconnected;
        this.securityHeaders = securityHeaders;
        this.cors = cors;
        this.serviceKey = serviceKey.key().map(AsciiString::new).orElse(null);
        this.connections = new RendererConnections(renderer, properties.connectTimeout(), properties.responseTimeout(),
                properties.idleTimeout(), properties.maxIdleConnections(), properties.maxInFlight());
        metrics.inFlight(connections::inFlight);
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
        String requestId = RequestIds.of(request.requestHeaders().get(RequestIds.HEADER));
        response.header(RequestIds.HEADER, requestId);
        if (!isValidTarget(request.uri())) {
            // Tomcat behind would refuse it with an HTML page; the caller gets the platform's problem instead
            return problem(new PlatformException(ProblemType.INVALID_REQUEST,
                    "The request target has characters that must be percent-encoded."), request, response)
                    .doFinally(signal -> finished(request, response, started));
        }
        if (RequestTargets.leavesItsPath(request.uri())) {
            // the renderer would resolve it to another path, and with the gateway's service key on it
            return problem(new PlatformException(ProblemType.INVALID_REQUEST,
                    "The path has dot segments or encoded slashes; send it resolved."), request, response)
                    .doFinally(signal -> finished(request, response, started));
        }
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !sameOrigin(origin, request)) {
            if (!cors.allows(origin)) {
                return problem(EdgeCors.originRefused(), request, response).doFinally(signal -> finished(request, response, started));
            }
            response.header(HttpHeaderNames.VARY, "Origin");
            cors.writeAllowed(origin, response.responseHeaders()::set);
        }
        Mono<Void> answer;
        if (limiter.enabled()) {
            answer = limiter.check(RouteClass.WIDGETS, caller(request)).flatMap(decision -> admit(decision, request, response));
        } else {
            answer = forward(request, response);
        }
        return answer.onErrorResume(error -> problem(error, request, response))
                .doFinally(signal -> finished(request, response, started));
    }

    /** A page the gateway serves itself (the demo page) calling it: no CORS request, as Spring decides for the route table. */
    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        String scheme = request.scheme();
        return host != null && origin.length() == scheme.length() + 3 + host.length() && origin.startsWith(scheme)
                && origin.startsWith("://", scheme.length()) && origin.endsWith(host);
    }

    private String caller(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        String uri = request.uri();
        int query = uri.indexOf('?');
        InetSocketAddress peer = request.remoteAddress();
        String address = peer == null ? "unknown" : peer.getAddress() != null ? peer.getAddress().getHostAddress() : peer.getHostString();
        return limiter.callers().callerOf(headers.get(API_KEY), query < 0 ? null : uri.substring(query + 1), address,
                headers.get("X-Forwarded-For"));
    }

    private Mono<Void> admit(RateLimitDecision decision, HttpServerRequest request, HttpServerResponse response) {
        RateLimitHeaders.write(decision, response.responseHeaders()::set);
        return decision.allowed() ? forward(request, response) : Mono.error(RateLimitHeaders.refused(decision));
    }

    private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response) {
        Channel[] inbound = new Channel[1];
        request.withConnection(connection -> inbound[0] = connection.channel());
        Channel server = inbound[0];
        FullHttpRequest upstream = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, request.uri(), Unpooled.EMPTY_BUFFER);
        forwardHeaders(request, upstream.headers());
        upstream.headers().set(HttpHeaderNames.HOST, connections.hostHeader());
        upstream.headers().set(RequestIds.HEADER, response.responseHeaders().get(RequestIds.HEADER));
        if (serviceKey != null) {
            upstream.headers().set(SERVICE_KEY, serviceKey);
        }
        return Mono.<FullHttpResponse>create(sink -> {
                    RendererConnections.Exchange exchange = new RendererConnections.Exchange() {
                        @Override
                        public void answered(FullHttpResponse answer) {
                            sink.success(answer);
                        }

                        @Override
                        public void failed(Throwable cause) {
                            sink.error(cause);
                        }
                    };
                    // the connections are per event loop: after a rate-limit answer (a Redis thread) go back to the server's loop
                    if (server.eventLoop().inEventLoop()) {
                        connections.send(server.eventLoop(), server.getClass(), upstream, exchange);
                    } else {
                        server.eventLoop().execute(() -> connections.send(server.eventLoop(), server.getClass(), upstream, exchange));
                    }
                })
                .doOnDiscard(FullHttpResponse.class, ReferenceCountUtil::safeRelease)
                .flatMap(answer -> relay(answer, response, overTls(request)));
    }

    /** Counts the answer, and logs it at debug level: the gateway's request log, which names the request id itself (no MDC here). */
    private void finished(HttpServerRequest request, HttpServerResponse response, long started) {
        long nanos = System.nanoTime() - started;
        metrics.record(response.status().code(), nanos);
        if (log.isDebugEnabled()) {
            log.debug("{} {} answered {} in {} ms (request id {})", request.method(), request.path(), response.status().code(),
                    nanos / 1_000_000, response.responseHeaders().get(RequestIds.HEADER));
        }
    }

    /** Only characters RFC 3986 allows in a request target (anything else must arrive percent-encoded). */
    static boolean isValidTarget(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static boolean forwarded(CharSequence name) {
        for (AsciiString hop : NOT_FORWARDED) {
            if (hop.contentEqualsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }

    private static void forwardHeaders(HttpServerRequest request, HttpHeaders upstream) {
        HttpHeaders incoming = request.requestHeaders();
        // by CharSequence: decoded names and values are AsciiStrings, and iterating as Strings copied every one of them
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = incoming.iteratorCharSequence(); it.hasNext();) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            if (forwarded(header.getKey())) {
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

    private static boolean overTls(HttpServerRequest request) {
        return SecurityHeaders.overTls(request.scheme(), request.requestHeaders().get("X-Forwarded-Proto"));
    }

    private Mono<Void> relay(FullHttpResponse answer, HttpServerResponse response, boolean overTls) {
        int status = answer.status().code();
        response.status(status);
        HttpHeaders headers = response.responseHeaders();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = answer.headers().iteratorCharSequence(); it.hasNext();) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            if (forwarded(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        securityHeaders.apply(headers, overTls);
        if (headers.contains(RequestIds.HEADER)) {
            String id = headers.get(RequestIds.HEADER); // ours, set first; a renderer that echoes it adds no second
            headers.set(RequestIds.HEADER, id);
        }
        if (status == HttpResponseStatus.NOT_MODIFIED.code() || status == HttpResponseStatus.NO_CONTENT.code()) {
            answer.release();
            return response.send().then();
        }
        headers.set(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
        return response.send(Mono.just(answer.content())).then(); // sending releases it
    }

    private Mono<Void> problem(Throwable error, HttpServerRequest request, HttpServerResponse response) {
        if (disconnected.handled(error, "GET " + request.uri())) {
            return Mono.empty();
        }
        if (response.hasSentHeaders()) {
            return Mono.error(error);
        }
        boolean atCapacity = error instanceof RendererConnections.AtCapacity;
        ProblemDetail problem = ProblemJson.at(GatewayProblems.of(atCapacity
                ? new PlatformException(ProblemType.UNAVAILABLE, "The widget renderer is answering as many requests from this gateway as it is allowed to; try again shortly.")
                : error), request.uri());
        String requestId = response.responseHeaders().get(RequestIds.HEADER);
        if (requestId != null) {
            problem.setProperty(RequestIds.PROBLEM_MEMBER, requestId);
        }
        byte[] body = ProblemJson.bytes(problem);
        HttpHeaders kept = new DefaultHttpHeaders();
        for (String name : EDGE_HEADERS) {
            kept.add(name, response.responseHeaders().getAll(name));
        }
        response.responseHeaders().clear().add(kept);
        securityHeaders.apply(response.responseHeaders(), overTls(request));
        if (atCapacity) {
            response.header(HttpHeaderNames.RETRY_AFTER, "1");
        }
        return response.status(problem.getStatus())
                .header(HttpHeaderNames.CONTENT_TYPE, ProblemJson.MEDIA_TYPE)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }
}
