package com.themepress.renderer.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A site's page on loopback, the way a site embeds widgets: the page is assembled server-side with
 * each widget's fragment dropped in, and {@code /api/**} is passed to the platform's gateway on the
 * same origin (so a widget's script calls the API as it would on a real site). The page's own CSS
 * is deliberately hostile to widgets ({@code form}, {@code input}, {@code button} restyled or hidden).
 */
public final class HostPage implements AutoCloseable {

    public static final String PAGE_BACKGROUND = "rgb(240, 248, 255)";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String api;
    private final Supplier<List<String>> fragments;

    public HostPage(String api, Supplier<List<String>> fragments) {
        this.api = api;
        this.fragments = fragments;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/api/", this::proxy);
        server.createContext("/", this::page);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void page(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
                <style>
                  body { background: #f0f8ff; font-family: Georgia, serif; margin: 16px; color: #333; }
                  h1 { color: #8b0000; }
                  form, .tp-checkout { display: none !important; }
                  input { background: yellow; border: 5px dashed green; }
                  button { font-size: 40px; }
                  section.slot { margin: 12px 0; }
                </style></head><body>
                <h1 id="host-title">Host page</h1>
                <p id="host-marker" class="host-marker">Host content stays</p>
                """);
        int slot = 0;
        for (String fragment : fragments.get()) {
            html.append("<section class=\"slot\" id=\"slot-").append(slot++).append("\">").append(fragment).append("</section>\n");
        }
        html.append("<p id=\"host-footer\">Host footer</p></body></html>");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void proxy(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    /** A widget fragment as a site fetches it for its page. */
    public static String fragment(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
