package com.themepress.gateway;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import reactor.core.publisher.Mono;

/**
 * Refuses, before any route matches, a request whose path would resolve elsewhere behind the gateway
 * ({@link RequestTargets}): a 400 problem instead of a way to the internal endpoints. The widget edge,
 * which answers ahead of WebFlux, checks the same.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class PathEscapeFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (RequestTargets.leavesItsPath(exchange.getRequest().getURI().getRawPath())) {
            return Mono.error(new PlatformException(ProblemType.INVALID_REQUEST,
                    "The path has dot segments or encoded slashes; send it resolved."));
        }
        return chain.filter(exchange);
    }
}
