package com.themepress.sdk;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an endpoint answers: a status, a body (any value Jackson can write; a {@link Problem} is
 * sent as {@code application/problem+json}) and the events to publish. Immutable: {@link #emit}
 * returns a new result, so a shared constant result can never collect events from two calls.
 *
 * @param status an HTTP status; 2xx and 4xx reach the caller as they are, 5xx become the platform's 502
 * @param body   the answer; null only for bodiless statuses such as 204
 * @param events the events to publish, in order
 */
public record Result(int status, @Nullable Object body, List<EmittedEvent> events) {

    public Result {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not a final HTTP status");
        }
        events = List.copyOf(events);
    }

    /** 200 with the given body. */
    public static Result ok(@Nullable Object body) {
        return new Result(200, body, List.of());
    }

    /** 200 with an empty JSON object, which can still carry events. */
    public static Result ok() {
        return ok(Json.object());
    }

    /** 201 with the given body. */
    public static Result created(@Nullable Object body) {
        return new Result(201, body, List.of());
    }

    /** 204 without a body. */
    public static Result noContent() {
        return new Result(204, null, List.of());
    }

    /** Any status with any body. */
    public static Result status(int status, @Nullable Object body) {
        return new Result(status, body, List.of());
    }

    /** A problem answer; its status is the problem's. */
    public static Result problem(Problem problem) {
        return new Result(problem.status(), problem, List.of());
    }

    /** A problem answer whose type and title follow from the status. */
    public static Result problem(int status, String detail) {
        return problem(Problem.of(status, detail));
    }

    /** 400: the caller sent something this endpoint cannot accept. */
    public static Result badRequest(String detail) {
        return problem(400, detail);
    }

    /** 404: the thing the call names does not exist. */
    public static Result notFound(String detail) {
        return problem(404, detail);
    }

    /** 409: the call conflicts with the current state (e.g. not enough stock). */
    public static Result conflict(String detail) {
        return problem(409, detail);
    }

    /**
     * The same answer plus an event to publish. The body must be a JSON object, because the
     * contract carries events as a top-level field of it; anything else fails here, at the
     * mistake, rather than as a silently dropped event.
     */
    public Result emit(String type, @Nullable Object data) {
        if (body == null || !(body instanceof Problem || Json.tree(body).isObject())) {
            throw new IllegalStateException("events can only ride on a JSON object answer; status "
                    + status + " has " + (body == null ? "no body" : "a " + Json.tree(body).getNodeType() + " body"));
        }
        List<EmittedEvent> more = new ArrayList<>(events);
        more.add(new EmittedEvent(type, Json.tree(data)));
        return new Result(status, body, more);
    }

    /**
     * The body exactly as the contract sends it: a JSON tree with the {@code events} array merged
     * in (a null node when there is no body). Tests of handlers can assert on it without a server.
     */
    public JsonNode json() {
        JsonNode tree = Json.tree(body);
        if (events.isEmpty()) {
            return tree;
        }
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        ArrayNode array = copy.putArray("events");
        for (EmittedEvent event : events) {
            array.addObject().put("type", event.type()).set("data", event.data());
        }
        return copy;
    }
}
