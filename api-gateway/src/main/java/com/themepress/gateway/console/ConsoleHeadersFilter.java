package com.themepress.gateway.console;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The console's CSP on every answer under {@code /console}: the page, its modules and a 404 alike (a
 * module is no document, but a policy on it costs nothing and leaves no path without one). Modules are
 * revalidated on each load ({@code no-cache}), so a new gateway's console is never mixed with an old one's.
 */
final class ConsoleHeadersFilter implements WebFilter, Ordered {

    private final String contentSecurityPolicy;

    ConsoleHeadersFilter(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals("/console") || path.startsWith(ConsolePage.PATH)) {
            ServerHttpResponse response = exchange.getResponse();
            response.beforeCommit(() -> {
                HttpHeaders headers = response.getHeaders();
                headers.set("Content-Security-Policy", contentSecurityPolicy);
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.setCacheControl("no-cache");
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
