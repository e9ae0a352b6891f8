package com.themepress.gateway.problem;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.web.server.ResponseStatusException;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** Maps what went wrong in the gateway to the platform's problem shape, for every way a request enters it. */
public final class GatewayProblems {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    /** The detail of the 503 an open circuit breaker answers with. */
    static final String CIRCUIT_OPEN = "The service behind this route has been failing; the gateway holds requests to it for a few seconds, then tries again.";

    private GatewayProblems() {
    }

    /**
     * The problem a client gets for a gateway failure: service unreachable or its circuit breaker open 503,
     * timeout 504, else 500 (logged).
     */
    public static ProblemDetail of(Throwable error) {
        if (error instanceof PlatformException platform) {
            return platform.getBody();
        }
        if (error instanceof ServiceUnavailableException) {
            return PlatformException.problem(ProblemType.UNAVAILABLE, CIRCUIT_OPEN, List.of());
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
        if (hasCause(error, TimeoutException.class) || hasCause(error, io.netty.handler.timeout.TimeoutException.class)) {
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
