package com.themepress.server.graphql;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import com.themepress.server.keys.ApiKeyHeader;

import reactor.core.publisher.Mono;

/**
 * Carries what REST reads from headers into the GraphQL context: the API key ({@code X-API-Key}: admin,
 * developer, or a site's {@code sk_}/{@code pk_} key) and {@code Origin} (which a publishable key needs).
 * Resolvers hand them to the same checks REST makes; nothing is decided here.
 */
@Component
class CallerContext implements WebGraphQlInterceptor {

    static final String KEY = "apiKey";
    static final String ORIGIN = "origin";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String key = request.getHeaders().getFirst(ApiKeyHeader.NAME);
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
            if (key != null) {
                context.put(KEY, key);
            }
            if (origin != null) {
                context.put(ORIGIN, origin);
            }
        }).build());
        return chain.next(request);
    }
}
