package com.themepress.server.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.problem.web.ServletProblems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Refuses a declared oversize body before any of it is read. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeFilter extends OncePerRequestFilter {

    private final long maxBody;

    BodySizeFilter(WebProperties properties) {
        this.maxBody = properties.maxBody().toBytes();
    }

    /** A module upload has its own, larger bound ({@code themepress.modules.max-size}), which its controller enforces. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "PUT".equals(request.getMethod()) && request.getRequestURI().startsWith("/api/addons/")
                && request.getRequestURI().endsWith("/module");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBody) {
            // Tell the client (and Tomcat) that this connection ends here, rather than reading the upload.
            response.setHeader("Connection", "close");
            ServletProblems.write(request, response, new PlatformException(ProblemType.PAYLOAD_TOO_LARGE,
                    "Request body of " + request.getContentLengthLong() + " bytes exceeds the limit of " + maxBody + " bytes."));
            return;
        }
        chain.doFilter(request, response);
    }
}
