package com.themepress.sdk;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The four routes of the container contract. Every outcome, including a handler's exception, ends
 * as one {@link Reply} written in one place, so every answer carries {@code X-Instance-Id} and
 * every error is problem+json.
 */
final class Router implements HttpHandler {

    /** Marks an answer a {@link StreamingHandler} has already written. */
    private static final Reply STREAMED = new Reply(200, Reply.JSON, new byte[0], Map.of());

    private final Addon addon;
    private final AddonInfo info;
    private final int maxBodyBytes;
    /** {@code THEMEPRESS_HOST_API}, or null outside the platform. */
    private final @Nullable String hostApi;
    private final byte[] health;

    Router(Addon addon, AddonInfo info, int maxBodyBytes, @Nullable String hostApi) {
        this.hostApi = hostApi;
        this.addon = addon;
        this.info = info;
        this.maxBodyBytes = maxBodyBytes;
        this.health = HealthBody.of(info);
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Reply reply;
        try {
            reply = route(method, path, exchange);
            if (reply == STREAMED) {
                return;
            }
        } catch (ProblemException refused) {
            reply = Reply.problem(refused.problem());
        } catch (Throwable failed) { // Errors too (a handler's OutOfMemoryError): the caller still deserves an answer
            Log.error(method + " " + path + " failed", failed);
            reply = Reply.problem(Problem.of(500, "the addon failed while serving " + path + ": " + failed.getClass().getName()));
        }
        Exchanges.send(exchange, reply, info.instanceId());
    }

    private Reply route(String method, String path, HttpExchange exchange) throws Exception {
        String[] segments = path.substring(1).split("/", -1);
        if (path.equals("/health")) {
            return method.equals("GET") ? health() : notAllowed("GET");
        }
        if (segments.length == 2 && segments[0].equals("execute") && !segments[1].isEmpty()) {
            return method.equals("POST") ? execute(segments[1], exchange) : notAllowed("POST");
        }
        if (segments.length == 3 && segments[0].equals("widgets") && segments[2].equals("render")) {
            return method.equals("POST") ? render(segments[1], exchange) : notAllowed("POST");
        }
        if (path.equals("/events")) {
            return method.equals("POST") ? deliver(exchange) : notAllowed("POST");
        }
        throw new ProblemException(404, "no route " + method + " " + path
                + "; the contract has GET /health, POST /execute/{endpoint}, POST /widgets/{widget}/render, POST /events");
    }

    private Reply health() {
        return new Reply(200, Reply.JSON, health, Map.of());
    }

    private Reply execute(String endpoint, HttpExchange exchange) throws Exception {
        StreamingHandler streaming = addon.streaming(endpoint);
        if (streaming != null) {
            Call call = SiteHeaders.call(endpoint, Exchanges.json(Exchanges.readBody(exchange, maxBodyBytes)), info, exchange, hostApi);
            Exchanges.stream(exchange, out -> streaming.write(call, out), info.instanceId());
            return STREAMED;
        }
        EndpointHandler handler = addon.endpoint(endpoint);
        if (handler == null) {
            throw new ProblemException(404, "endpoint '" + endpoint + "' does not exist; this addon has " + addon.endpointNames());
        }
        JsonNode data = Exchanges.json(Exchanges.readBody(exchange, maxBodyBytes));
        Result result = handler.handle(SiteHeaders.call(endpoint, data, info, exchange, hostApi));
        if (result == null) {
            throw new IllegalStateException("endpoint '" + endpoint + "' returned no Result");
        }
        return Reply.of(result);
    }

    private Reply render(String widget, HttpExchange exchange) throws Exception {
        WidgetHandler handler = addon.widget(widget);
        if (handler == null) {
            throw new ProblemException(404, "widget '" + widget + "' does not exist; this addon has " + addon.widgetNames());
        }
        JsonNode body = Exchanges.json(Exchanges.readBody(exchange, maxBodyBytes));
        Widget rendered = handler.render(new Render(widget, objectField(body, "config"), objectField(body, "context"), info,
                SiteHeaders.host(exchange, hostApi)));
        if (rendered == null) {
            throw new IllegalStateException("widget '" + widget + "' rendered nothing");
        }
        return Reply.json(200, Json.object("html", rendered.html(), "css", rendered.css(), "javascript", rendered.javascript()));
    }

    private Reply deliver(HttpExchange exchange) throws Exception {
        JsonNode body = Exchanges.json(Exchanges.readBody(exchange, maxBodyBytes));
        Event event = new Event(Fields.text(body, "id"), Fields.text(body, "type"), Fields.textOrNull(body, "source"),
                Fields.textOrNull(body, "time"), Fields.textOrNull(body, "site"), dataOf(body), SiteHeaders.host(exchange, hostApi));
        List<EventHandler> handlers = addon.handlersFor(event.type(), event.source());
        for (EventHandler handler : handlers) {
            handler.handle(event);
        }
        // an event nobody here handles is still acknowledged: retrying it would never change that
        return Reply.json(200, Json.object("id", event.id(), "type", event.type(), "handled", handlers.size()));
    }

    private static JsonNode objectField(JsonNode body, String field) {
        JsonNode value = Fields.field(body, field);
        if (value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw new ProblemException(400, "/" + field + " must be an object");
        }
        return value;
    }

    private static JsonNode dataOf(JsonNode envelope) {
        JsonNode data = envelope.path("data");
        return data.isMissingNode() || data.isNull() ? JsonNodeFactory.instance.objectNode() : data;
    }

    private static Reply notAllowed(String allowed) {
        return Reply.problem(Problem.of(405, "use " + allowed + " here")).withHeader("Allow", allowed);
    }
}
