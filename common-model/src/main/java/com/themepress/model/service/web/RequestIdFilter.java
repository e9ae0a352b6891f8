package com.themepress.model.service.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.themepress.model.requests.RequestIds;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Takes the request id the gateway sent (or makes one for a caller that came another way) and keeps it
 * where the rest of the request finds it: the MDC, so that every log line of the request shows it; a
 * request attribute, for the problem written after the filters have returned (error dispatch); and the
 * answer's header. Calls this service makes on the request's thread pass it on from the MDC.
 */
public final class RequestIdFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String id = RequestIds.of(((HttpServletRequest) req).getHeader(RequestIds.HEADER));
        req.setAttribute(RequestIds.ATTRIBUTE, id);
        ((HttpServletResponse) res).setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        long started = System.nanoTime();
        try {
            chain.doFilter(req, res);
            if (log.isDebugEnabled()) {
                // the service's request log, at debug level; an asynchronous answer may not have its status yet
                HttpServletRequest request = (HttpServletRequest) req;
                log.debug("{} {} answered {} in {} ms", request.getMethod(), request.getRequestURI(),
                        ((HttpServletResponse) res).getStatus(), (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
