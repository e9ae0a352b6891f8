package com.themepress.server.callstats;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.themepress.model.names.Names;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Times each {@code POST /api/addons/{name}/execute} from the first filter after the body-size check to
 * the answer, whatever answered it (the addon, its refusal, or the platform's problem). Other requests
 * pass with two string checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ExecuteCallsFilter extends OncePerRequestFilter {

    private static final String PREFIX = "/api/addons/";
    private static final String SUFFIX = "/execute";

    private final CallStats stats;

    ExecuteCallsFilter(CallStats stats) {
        this.stats = stats;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String addon = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        if (!Names.ADDON.matches(addon)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            stats.record(addon, status, System.nanoTime() - start);
        }
    }
}
