package com.themepress.gateway.exposure;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Puts the security headers on every answer WebFlux sends: first of all filters, and just before the
 * answer is committed, so they also land on problems, preflights and what a service sent.
 */
final class SecurityHeadersFilter implements WebFilter, Ordered {

    private final SecurityHeaders headers;

    SecurityHeadersFilter(SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        boolean overTls = SecurityHeaders.overTls(request.getURI().getScheme(), request.getHeaders().getFirst("X-Forwarded-Proto"));
        boolean api = request.getPath().pathWithinApplication().value().startsWith("/api/");
        response.beforeCommit(() -> {
            headers.apply(response.getHeaders(), overTls, api);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
