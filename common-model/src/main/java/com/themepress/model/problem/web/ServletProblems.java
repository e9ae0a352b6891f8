package com.themepress.model.problem.web;

import java.io.IOException;

import org.springframework.http.ProblemDetail;

import com.themepress.model.requests.RequestIds;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemJson;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers a {@link PlatformException} from a servlet filter, which runs before Spring MVC's {@link ProblemHandler} could. */
public final class ServletProblems {

    private ServletProblems() {
    }

    /** Status, the exception's headers (Retry-After, X-Instance-Id) and the problem body, instance set to the request's path. */
    public static void write(HttpServletRequest request, HttpServletResponse response, PlatformException problem)
            throws IOException {
        ProblemDetail body = withRequestId(ProblemJson.at(problem.getBody(), request.getRequestURI()), request);
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        byte[] bytes = ProblemJson.bytes(body);
        response.setStatus(body.getStatus());
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Names the request's id in the problem ({@code requestId}), so that a caller can quote it and ops find its log lines. */
    static ProblemDetail withRequestId(ProblemDetail problem, HttpServletRequest request) {
        if (request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id) {
            problem.setProperty(RequestIds.PROBLEM_MEMBER, id);
        }
        return problem;
    }
}
