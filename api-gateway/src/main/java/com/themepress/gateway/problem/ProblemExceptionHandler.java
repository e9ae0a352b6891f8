package com.themepress.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.themepress.gateway.resilience.CircuitBreakerProperties;
import com.themepress.model.requests.DisconnectedClients;
import com.themepress.model.requests.RequestIds;
import com.themepress.model.problem.ProblemJson;

import reactor.core.publisher.Mono;

/**
 * The gateway's own failures (no route, service down, timeout) in the same problem shape the
 * services use, so a client never has to tell which hop answered; with the request id as {@code requestId}.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final String retryAfterOpenCircuit;
    private final DisconnectedClients disconnected;

    ProblemExceptionHandler(CircuitBreakerProperties breakers, DisconnectedClients disconnected) {
        this.disconnected = disconnected;
        this.retryAfterOpenCircuit = Long.toString(Math.max(1, (breakers.openFor().toMillis() + 999) / 1000));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (disconnected.handled(error, exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value())) {
            return Mono.empty();
        }
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail body = ProblemJson.at(GatewayProblems.of(error), exchange.getRequest().getPath().value());
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        if (requestId != null) {
            body.setProperty(RequestIds.PROBLEM_MEMBER, requestId);
        }
        boolean circuitOpen = error instanceof ServiceUnavailableException;
        if (circuitOpen) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterOpenCircuit);
        } else if (body.getStatus() >= 500) {
            // the gateway logs no MDC (its threads serve many requests at once), so the line names the request itself
            log.warn("{} for {} {} (request id {}): {}", body.getStatus(), exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), requestId, body.getDetail());
        }
        response.setStatusCode(HttpStatusCode.valueOf(body.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = ProblemJson.bytes(body);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
