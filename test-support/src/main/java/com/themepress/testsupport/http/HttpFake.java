package com.themepress.testsupport.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a loopback port standing in for another service (an addon-server, a
 * renderer, a runtime): each route turns a {@link Request} into a {@link Reply}. Requests are
 * answered on threads of their own, so one answer held back (see {@code Gate}) does not hold the rest.
 */
public final class HttpFake implements AutoCloseable {

    /** How one path prefix answers. A route that throws answers 500 with the stack trace. */
    @FunctionalInterface
    public interface Route {
        Reply answer(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFake(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listening at once, with no route yet (every path answers 404 until one is added). */
    public static HttpFake start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "http-fake");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            return new HttpFake(server, executor);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers every path that starts with {@code pathPrefix} (the longest matching prefix wins). */
    public HttpFake route(String pathPrefix, Route route) {
        server.createContext(pathPrefix, exchange -> answer(exchange, route));
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private static void answer(HttpExchange exchange, Route route) throws IOException {
        try {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            Reply reply;
            try {
                reply = route.answer(request);
            } catch (Exception e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                reply = Reply.body(500, "text/plain", trace.toString());
            }
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = reply.body();
        // -1 means "no body"; 0 would mean "chunked" to the JDK's server. HEAD, 204 and 304 answers never carry one.
        boolean withBody = body != null && body.length > 0 && !"HEAD".equals(exchange.getRequestMethod())
                && reply.status() != 204 && reply.status() != 304;
        exchange.sendResponseHeaders(reply.status(), withBody ? body.length : -1);
        if (withBody) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
