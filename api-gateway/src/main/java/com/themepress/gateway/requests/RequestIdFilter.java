package com.themepress.gateway.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.themepress.model.requests.RequestIds;

import reactor.core.publisher.Mono;

/**
 * First of all filters: gives the exchange its request id, sends it on to the service in
 * {@code X-Request-Id} and puts it on the answer (set just before commit, so a service that echoes it
 * does not make it appear twice).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.of(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            response.getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        Mono<Void> routed = chain.filter(exchange.mutate().request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, id))).build());
        if (!log.isDebugEnabled()) {
            return routed;
        }
        long started = System.nanoTime();
        // the gateway's request log (debug level); its threads serve many requests at once, so no MDC: the line names the id
        return routed.doFinally(signal -> log.debug("{} {} answered {} in {} ms (request id {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), response.getStatusCode() == null ? "-" : response.getStatusCode().value(),
                (System.nanoTime() - started) / 1_000_000, id));
    }
}
