package com.themepress.gateway.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own failures (no route, service down, timeout) in the same problem shape the
 * services use, so a client never has to tell which hop answered.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonMapper mapper;

    ProblemExceptionHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail body = toProblem(error);
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(body.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = mapper.writeValueAsBytes(body);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    ProblemDetail toProblem(Throwable error) {
        if (error instanceof PlatformException platform) {
            return platform.getBody();
        }
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            ProblemType type = ProblemType.forStatus(code);
            ProblemDetail body = PlatformException.problem(type, detailFor(type, status), List.of());
            body.setStatus(code);
            return body;
        }
        if (hasCause(error, ConnectException.class)) {
            return PlatformException.problem(ProblemType.UNAVAILABLE,
                    "The service behind this route is not reachable; try again shortly.", List.of());
        }
        if (hasCause(error, TimeoutException.class)) {
            return PlatformException.problem(ProblemType.UPSTREAM_TIMEOUT, "The service behind this route did not answer in time.", List.of());
        }
        log.error("Unhandled gateway error", error);
        return PlatformException.problem(ProblemType.INTERNAL, "An internal error occurred in the gateway; it has been logged.", List.of());
    }

    private static String detailFor(ProblemType type, ResponseStatusException status) {
        return switch (type) {
            case NOT_FOUND -> "No route matches this path.";
            case UPSTREAM_TIMEOUT -> "The service behind this route did not answer in time.";
            case UNAVAILABLE -> "The service behind this route is not available.";
            default -> status.getReason() != null ? status.getReason() : type.title() + ".";
        };
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
