package com.themepress.server.graphql;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;

import com.themepress.model.schema.StrictJson;
import com.themepress.server.execute.AddonCalls;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code executeAddonFunction}: {@code POST /api/addons/{addonId}/execute} with
 * {@code {"action": function, "data": data}}, the caller's key and {@code Origin}. The seed put it
 * under {@code Query}; it has effects, so it is a mutation too, and only the mutation takes an
 * idempotency key. The addon's own answer (2xx or its 4xx refusal) is data; the platform's problems
 * are errors.
 */
@Controller
class ExecuteOperations {

    private final AddonCalls calls;

    ExecuteOperations(AddonCalls calls) {
        this.calls = calls;
    }

    record ExecuteResult(int status, @Nullable JsonNode output, @Nullable String text, @Nullable String contentType,
            @Nullable String instanceId, boolean replayed) {
    }

    @QueryMapping(name = "executeAddonFunction")
    ExecuteResult query(@Argument String addonId, @Argument String function, @Argument @Nullable JsonNode data,
            @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key,
            @ContextValue(name = CallerContext.ORIGIN, required = false) @Nullable String origin) {
        return execute(addonId, function, data, null, key, origin);
    }

    @MutationMapping(name = "executeAddonFunction")
    ExecuteResult mutation(@Argument String addonId, @Argument String function, @Argument @Nullable JsonNode data,
            @Argument @Nullable String idempotencyKey, @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key,
            @ContextValue(name = CallerContext.ORIGIN, required = false) @Nullable String origin) {
        return execute(addonId, function, data, idempotencyKey, key, origin);
    }

    private ExecuteResult execute(String addon, String function, @Nullable JsonNode data, @Nullable String idempotencyKey,
            @Nullable String key, @Nullable String origin) {
        ObjectNode body = StrictJson.mapper().createObjectNode().put("action", function);
        if (data != null) {
            body.set("data", data);
        }
        AddonCalls.Answer answer = calls.execute(key, idempotencyKey, origin, addon, body);
        MediaType type = mediaType(answer.contentType());
        if (answer.isProblem() || answer.status() >= 500) {
            throw RelayedProblems.of(answer.status(), type, answer.body());
        }
        JsonNode output = null;
        String text = null;
        if (type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json"))) {
            try {
                output = StrictJson.mapper().readTree(answer.body());
            } catch (JacksonException e) {
                text = new String(answer.body(), StandardCharsets.UTF_8);
            }
        } else if (answer.body().length > 0) {
            text = new String(answer.body(), StandardCharsets.UTF_8);
        }
        return new ExecuteResult(answer.status(), output, text, answer.contentType(), answer.instanceId(), answer.replayed());
    }

    private static @Nullable MediaType mediaType(@Nullable String contentType) {
        try {
            return contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
