package com.themepress.gateway.cors;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * The gateway's CORS policy, for the WebFlux filter ({@link #configuration()}) and the widget edge
 * ({@link #writeAllowed}) alike. Origins are checked against {@link AllowedOrigins}, a set, rather than
 * the list {@link CorsConfiguration} would scan.
 */
public final class EdgeCors {

    /** What a page's script may read from an answer besides the CORS-safelisted headers. */
    static final List<String> EXPOSED = List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After",
            "X-Request-Id", "ETag", "Location", "X-Widget-Version", "X-Widget-Cache");
    private static final String EXPOSED_VALUE = String.join(", ", EXPOSED);

    private final AllowedOrigins origins;
    private final boolean credentials;
    private final CorsConfiguration configuration;

    EdgeCors(AllowedOrigins origins, boolean credentials, Duration maxAge) {
        this.origins = origins;
        this.credentials = credentials;
        this.configuration = new SetBackedConfiguration(origins);
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        configuration.setExposedHeaders(EXPOSED);
        configuration.setAllowCredentials(credentials);
        configuration.setMaxAge(maxAge);
    }

    CorsConfiguration configuration() {
        return configuration;
    }

    public boolean allows(String origin) {
        return origins.allows(origin);
    }

    /** The answer to a browser request from an origin not allowed: 403, pointing at the header, as the addon-server's own check does. */
    public static PlatformException originRefused() {
        return new PlatformException(ProblemType.FORBIDDEN, "This origin may not call the API from a browser.",
                List.of(new FieldError("/headers/Origin", "an origin of a site, or a console origin")));
    }

    /** The headers of an actual (not preflight) answer to an allowed {@code origin}. */
    public void writeAllowed(String origin, BiConsumer<String, String> header) {
        header.accept(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        header.accept(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_VALUE);
        if (credentials) {
            header.accept(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
    }

    /** Spring's CORS processing, with the origin looked up in a set that the poller replaces. */
    private static final class SetBackedConfiguration extends CorsConfiguration {

        private final AllowedOrigins origins;

        SetBackedConfiguration(AllowedOrigins origins) {
            this.origins = origins;
        }

        @Override
        public @Nullable String checkOrigin(@Nullable String origin) {
            return origin != null && origins.allows(origin) ? origin : null;
        }
    }
}
