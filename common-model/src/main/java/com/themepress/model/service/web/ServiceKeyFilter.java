package com.themepress.model.service.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.problem.web.ServletProblems;
import com.themepress.model.service.ServiceKeyProperties;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request in only with the service key in {@value ServiceKeyProperties#HEADER}, compared in constant
 * time; anything else is a 401 problem before any other part of the service sees it. The health probes
 * ({@code /actuator/health} and below) stay open: an orchestrator's kubelet has no key, and they tell
 * nothing but UP or DOWN. The metrics endpoint also takes the key as {@code Authorization: Bearer <key>}:
 * that is the one header every Prometheus can send from a file ({@code authorization.credentials_file});
 * custom scrape headers came only in Prometheus 2.55, and Debian 12 ships 2.42. With no key configured every
 * request passes: the service then listens on loopback only, which {@link ListenAddressCheck} made sure of at
 * start.
 */
public final class ServiceKeyFilter implements Filter {

    private static final String PROBES = "/actuator/health";
    private static final String METRICS = "/actuator/prometheus";
    private static final String BEARER = "Bearer ";

    private final byte @Nullable [] expected;

    public ServiceKeyFilter(ServiceKeyProperties properties) {
        this.expected = properties.key().map(key -> key.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (expected == null || isProbe(request) || presents(request.getHeader(ServiceKeyProperties.HEADER))
                || isScrapeWithKey(request)) {
            chain.doFilter(req, res);
            return;
        }
        ServletProblems.write(request, (HttpServletResponse) res, new PlatformException(ProblemType.UNAUTHENTICATED,
                "This is an internal service of the platform: calls need the service key in " + ServiceKeyProperties.HEADER
                        + ". Clients call the API gateway."));
    }

    private boolean presents(@Nullable String key) {
        // MessageDigest.isEqual takes the same time wherever the first difference is
        return key != null && MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8));
    }

    private boolean isScrapeWithKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && routedPath(request).equals(METRICS) && presents(authorization.substring(BEARER.length()).trim());
    }

    /**
     * By the path the container routes on (decoded, dot segments resolved), not the raw request URI:
     * {@code /actuator/health/../../internal/...} must not pass as a probe.
     */
    private static boolean isProbe(HttpServletRequest request) {
        String path = routedPath(request);
        return path.equals(PROBES) || path.startsWith(PROBES + "/");
    }

    private static String routedPath(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }
}
