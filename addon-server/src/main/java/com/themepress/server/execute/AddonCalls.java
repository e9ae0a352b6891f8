package com.themepress.server.execute;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.themepress.model.schema.StrictJson;
import com.themepress.server.web.JsonBody;

import tools.jackson.databind.JsonNode;

/**
 * Execute for other faces of the API (GraphQL): exactly what {@code POST /api/addons/{name}/execute}
 * does with the same key, origin, idempotency key and body, answered as {@link Answer}. It runs the
 * controller's own method because execute's rules (site keys, grants, input schema, idempotency,
 * events) live there; when they move into a service, this calls that instead.
 */
@Component
public class AddonCalls {

    private final ExecuteController controller;

    AddonCalls(ExecuteController controller) {
        this.controller = controller;
    }

    /**
     * What the call answered: the addon's own answer (2xx, or its 4xx refusal) or the platform's
     * problem relayed from the runtime (a {@code application/problem+json} body).
     */
    public record Answer(int status, @Nullable String contentType, byte[] body, @Nullable String instanceId, boolean replayed) {

        public boolean isProblem() {
            return contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }

    /** Throws the same {@code PlatformException}s as the REST call for the same input. */
    public Answer execute(@Nullable String key, @Nullable String idempotencyKey, @Nullable String origin, String addon, JsonNode body) {
        ResponseEntity<byte[]> response = controller.execute(key, idempotencyKey, origin, addon,
                new JsonBody(StrictJson.mapper().writeValueAsBytes(body), body));
        MediaType type = response.getHeaders().getContentType();
        return new Answer(response.getStatusCode().value(), type == null ? null : type.toString(),
                response.getBody() == null ? new byte[0] : response.getBody(), response.getHeaders().getFirst("X-Instance-Id"),
                "true".equals(response.getHeaders().getFirst("Idempotent-Replayed")));
    }
}
