package com.themepress.server.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;

/**
 * Plays the addon-runtime's API on loopback: deployments are accepted, event deliveries recorded and
 * answered as each test's subscribers would answer (200 unless told otherwise), execute calls answered
 * with a fixed body. A 404 before the deployment's PUT is what the real runtime answers for an unknown version.
 */
final class FakeRuntime implements AutoCloseable {

    record Delivery(String addon, String eventId, String type, JsonNode envelope, int status) {
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<String> deployed = ConcurrentHashMap.newKeySet();
    private final Map<String, ToIntBiFunction<JsonNode, Integer>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> executeAnswers = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);

    FakeRuntime() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/runtime/deployments/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How {@code addon} answers an event: (envelope, attempt number from 1) to HTTP status. */
    void subscriber(String addon, ToIntBiFunction<JsonNode, Integer> answer) {
        subscribers.put(addon, answer);
    }

    void executeAnswer(String addon, String action, String json) {
        executeAnswers.put(addon + "/" + action, json);
    }

    List<Delivery> acknowledged(String addon) {
        return deliveries.stream().filter(d -> d.addon().equals(addon) && d.status() < 300).toList();
    }

    int attempts(String addon, String eventId) {
        AtomicInteger count = attempts.get(addon + "/" + eventId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] path = exchange.getRequestURI().getPath().split("/");
            // /runtime/deployments/{name}/{version}[/events | /execute/{action}]
            String name = path[3];
            String deployment = name + "/" + path[4];
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("PUT")) {
                deployed.add(deployment);
                send(exchange, 201, "{}", null);
            } else if (!deployed.contains(deployment)) {
                send(exchange, 404, "{\"type\":\"https://themepress.dev/problems/not-found\",\"status\":404}", null);
            } else if (path.length == 6 && path[5].equals("events")) {
                JsonNode envelope = StrictJson.mapper().readTree(body);
                String id = envelope.path("id").asString();
                int attempt = attempts.computeIfAbsent(name + "/" + id, k -> new AtomicInteger()).incrementAndGet();
                int status = subscribers.getOrDefault(name, (e, n) -> 200).applyAsInt(envelope, attempt);
                deliveries.add(new Delivery(name, id, envelope.path("type").asString(), envelope, status));
                send(exchange, status, status < 300 ? "{\"handled\":1}" : "{\"title\":\"subscriber failed\",\"status\":" + status + "}", "i-1");
            } else if (path.length == 7 && path[5].equals("execute")) {
                send(exchange, 200, executeAnswers.getOrDefault(name + "/" + path[6], "{}"), "i-1");
            } else {
                send(exchange, 404, "{}", null);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body, String instance) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        if (instance != null) {
            exchange.getResponseHeaders().add("X-Instance-Id", instance);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
