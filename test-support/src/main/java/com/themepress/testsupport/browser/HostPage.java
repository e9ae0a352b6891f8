package com.themepress.testsupport.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

/**
 * A site's page on loopback, the way a site embeds widgets: the page is assembled server-side with
 * each widget's fragment dropped in, and {@code /api/**} is passed to the platform's gateway on the
 * same origin (so a widget's script calls the API as it would on a real site). The page's own CSS
 * is deliberately hostile to widgets ({@code form}, {@code input}, {@code button} restyled or hidden).
 */
public final class HostPage implements AutoCloseable {

    public static final String PAGE_BACKGROUND = "rgb(240, 248, 255)";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpFake server;
    private final String api;
    private final Supplier<List<String>> fragments;

    public HostPage(String api, Supplier<List<String>> fragments) {
        this.api = api;
        this.fragments = fragments;
        this.server = HttpFake.start().route("/api/", this::proxy).route("/", request -> page());
    }

    public String url() {
        return server.url() + "/";
    }

    private Reply page() {
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
        return Reply.body(200, "text/html; charset=utf-8", html.toString());
    }

    private Reply proxy(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(api + request.uri()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        // what a widget's execute call carries, as a site's own proxy would pass it on
        for (String name : new String[] {"Content-Type", "Idempotency-Key"}) {
            String value = request.header(name);
            if (value != null) {
                forwarded.header(name, value);
            }
        }
        HttpResponse<byte[]> response = HTTP.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").map(t -> Map.of("Content-Type", t))
                .orElse(Map.of()), response.body());
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
        server.close();
    }
}
