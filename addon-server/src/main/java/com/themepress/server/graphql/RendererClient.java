package com.themepress.server.graphql;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.service.ServiceKeyProperties;

import tools.jackson.databind.JsonNode;

/**
 * {@code Widget.render} asks the widget-renderer exactly what the gateway forwards for
 * {@code GET /api/widgets/{addon}/{widget}}, with the service key as the gateway sends it. So the
 * render comes out of the same cache (L1, L2, coalesced renders, last-good) and the same sanitiser,
 * and the answer names the tier that served it. The renderer's problems come back as the same
 * {@link PlatformException}, type and pointers kept.
 */
@Component
class RendererClient {

    static final String CACHE_HEADER = "X-Widget-Cache";
    static final String VERSION_HEADER = "X-Widget-Version";
    static final String STALE_HEADER = "X-Widget-Stale";

    private final RestClient client;

    RendererClient(GraphQlSettings settings, ServiceKeyProperties serviceKey) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(2_000);
        requests.setReadTimeout((int) settings.renderTimeout().toMillis());
        RestClient.Builder builder = RestClient.builder().baseUrl(settings.renderer().toString()).requestFactory(requests);
        serviceKey.key().ifPresent(key -> builder.defaultHeader(ServiceKeyProperties.HEADER, key));
        this.client = builder.build();
    }

    /** What {@code context} may carry: who the render is for, as the REST call's query and headers say it. */
    record Context(@Nullable String site, @Nullable String locale, @Nullable String user, @Nullable String session) {
    }

    record Output(String html, String css, String javascript, @Nullable String version, @Nullable String cache, boolean stale) {
    }

    Output render(String addon, String widget, @Nullable JsonNode config, Context context) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("addon", addon);
        variables.put("widget", widget);
        StringBuilder path = new StringBuilder("/api/widgets/{addon}/{widget}");
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters(config, context).entrySet()) {
            path.append(separator).append(parameter.getKey()).append("={").append(parameter.getKey()).append('}');
            variables.put(parameter.getKey(), parameter.getValue());
            separator = '&';
        }
        try {
            return client.get().uri(path.toString(), variables).accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (context.user() != null) {
                            headers.set("X-User-Id", context.user());
                        }
                        if (context.session() != null) {
                            headers.set("X-Session-Id", context.session());
                        }
                    })
                    .exchange((request, response) -> {
                        byte[] body = StreamUtils.copyToByteArray(response.getBody());
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw RelayedProblems.of(response.getStatusCode().value(), response.getHeaders().getContentType(), body);
                        }
                        JsonNode json = StrictJson.mapper().readTree(body);
                        return new Output(json.path("html").asString(""), json.path("css").asString(""), json.path("javascript").asString(""),
                                response.getHeaders().getFirst(VERSION_HEADER), response.getHeaders().getFirst(CACHE_HEADER),
                                "true".equals(response.getHeaders().getFirst(STALE_HEADER)));
                    });
        } catch (RestClientException e) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "The widget-renderer could not be reached: " + e.getMessage());
        }
    }

    private static Map<String, String> parameters(@Nullable JsonNode config, Context context) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (config != null && !config.isNull()) {
            parameters.put("config", StrictJson.mapper().writeValueAsString(config));
        }
        if (context.site() != null) {
            parameters.put("site", context.site());
        }
        if (context.locale() != null) {
            parameters.put("locale", context.locale());
        }
        return parameters;
    }
}
