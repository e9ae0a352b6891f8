package com.themepress.gateway.limits;

import java.net.InetSocketAddress;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Applies the limits to every {@code /api/**} request the route table serves (the widget edge applies
 * them to widget GETs itself). Runs after CORS, so preflights are answered without being counted.
 */
final class RateLimitFilter implements WebFilter, Ordered {

    static final String API_KEY = "X-API-Key";

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        return RateLimitConfiguration.FILTER_ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        RouteClass route = RouteClass.of(request.getMethod().name(), request.getPath().value());
        if (route == null || !limiter.enabled()) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null ? "unknown" : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        String caller = limiter.callers().callerOf(headers.getFirst(API_KEY), request.getURI().getRawQuery(), peer,
                headers.getFirst("X-Forwarded-For"));
        return limiter.check(route, caller).flatMap(decision -> {
            RateLimitHeaders.write(decision, exchange.getResponse().getHeaders()::set);
            return decision.allowed() ? chain.filter(exchange) : Mono.error(RateLimitHeaders.refused(decision));
        });
    }
}
