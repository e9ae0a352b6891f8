package com.themepress.model.problem.web;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.requests.DisconnectedClients;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every failure leaves as {@code application/problem+json} with a type from {@link ProblemType}:
 * {@link PlatformException}s with their own status, headers (Retry-After, X-Instance-Id) and type,
 * Spring's own errors with their status and our type, anything unexpected as a logged 500.
 * Shared by the servlet services (import it); a service with more mappings extends it. A client that
 * went away gets nothing: counted and logged at debug ({@link DisconnectedClients}), not a 500 or a
 * "response already committed" warning.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final DisconnectedClients disconnected;

    public ProblemHandler(ObjectProvider<MeterRegistry> meters) {
        this.disconnected = new DisconnectedClients(meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (disconnected.handled(e, describe(request))) {
            return null;
        }
        log.error("Unhandled error on {}", describe(request), e);
        return problem(ProblemType.INTERNAL, "An internal error occurred; it has been logged.", request);
    }

    /** A problem of {@code type} in the shape every other error has. */
    protected final ResponseEntity<Object> problem(ProblemType type, String detail, WebRequest request) {
        ProblemDetail body = PlatformException.problem(type, detail, List.of());
        return handleExceptionInternal(new RuntimeException(detail), body, new HttpHeaders(), type.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (disconnected.handled(ex, describe(request))) {
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                ProblemType type = ProblemType.forStatus(status.value());
                problem.setType(type.uri());
                problem.setTitle(type.title());
            }
            if (request instanceof ServletWebRequest servlet) {
                if (problem.getInstance() == null) {
                    problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
                }
                ServletProblems.withRequestId(problem, servlet.getRequest());
            }
        }
        HttpHeaders out = new HttpHeaders();
        out.putAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, out, status);
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
