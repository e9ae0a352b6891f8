package com.themepress.gateway.cors;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import reactor.core.publisher.Mono;

/**
 * CORS for {@code /api/**} on the route table: preflights are answered here and go no further; a
 * cross-origin request from an origin not allowed is 403 problem+json before it is counted or routed.
 */
final class CorsFilter implements WebFilter, Ordered {

    /** After the path check, before the rate limits. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final EdgeCors cors;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsFilter(EdgeCors cors) {
        this.cors = cors;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/") || !CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        String origin = request.getHeaders().getOrigin();
        if (origin == null || !cors.allows(origin)) {
            return Mono.error(EdgeCors.originRefused());
        }
        if (!processor.process(cors.configuration(), exchange)) {
            return Mono.error(new PlatformException(ProblemType.FORBIDDEN,
                    "This method or header may not be sent to the API from a browser."));
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }
}
