package com.themepress.gateway.exposure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.service.ServiceKeyProperties;

import reactor.core.publisher.Mono;

/**
 * The gateway is the platform's public door, and its own actuator shares the port: only the health
 * probes ({@code /actuator/health} and below, UP or DOWN) are open, as on the services; metrics and
 * the rest want the service key in {@value ServiceKeyProperties#HEADER} (the metrics also take it as
 * {@code Authorization: Bearer}, for Prometheus), and with no key configured they
 * are not there at all (404). {@code management.server.port} moves the actuator to a port of its own,
 * which this filter does not watch.
 */
final class ActuatorGuard implements WebFilter, Ordered, ApplicationListener<WebServerInitializedEvent> {

    private static final String ACTUATOR = "/actuator";
    private static final String PROBES = "/actuator/health";
    private static final String METRICS = "/actuator/prometheus";
    private static final String BEARER = "Bearer ";

    private final byte @Nullable [] serviceKey;
    /** The public server's port once it listens; until then every port counts as public. */
    private volatile int publicPort = -1;

    ActuatorGuard(ServiceKeyProperties serviceKey) {
        this.serviceKey = serviceKey.key().map(key -> key.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // the management server, when it has a port of its own, starts in a child context named "management"
        if (event.getApplicationContext().getServerNamespace() == null) {
            publicPort = event.getWebServer().getPort();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(ACTUATOR) || (path.length() > ACTUATOR.length() && path.charAt(ACTUATOR.length()) != '/')
                || isProbe(path) || !onPublicPort(exchange) || presentsKey(exchange.getRequest().getHeaders().getFirst(ServiceKeyProperties.HEADER))
                || isScrapeWithKey(path, exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return chain.filter(exchange);
        }
        return Mono.error(new PlatformException(ProblemType.NOT_FOUND, "No route matches this path."));
    }

    /** Prometheus sends the key as a bearer token (the services' ServiceKeyFilter says why); only for the metrics. */
    private boolean isScrapeWithKey(String path, @Nullable String authorization) {
        return path.equals(METRICS) && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && presentsKey(authorization.substring(BEARER.length()).trim());
    }

    private static boolean isProbe(String path) {
        return path.equals(PROBES) || path.startsWith(PROBES + "/");
    }

    private boolean onPublicPort(ServerWebExchange exchange) {
        var local = exchange.getRequest().getLocalAddress();
        return publicPort < 0 || local == null || local.getPort() == publicPort;
    }

    private boolean presentsKey(@Nullable String key) {
        return serviceKey != null && key != null && MessageDigest.isEqual(serviceKey, key.getBytes(StandardCharsets.UTF_8));
    }
}
