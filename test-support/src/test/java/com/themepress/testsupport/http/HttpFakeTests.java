package com.themepress.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpFakeTests {

    final HttpFake fake = HttpFake.start();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRouteSeesTheRequestAndItsReplyIsSentAsGiven() throws Exception {
        fake.route("/echo/", request -> Reply.json(201, "{\"got\":\"" + request.method() + " " + request.path() + " "
                + request.text() + " " + request.header("x-probe") + "\"}").with("X-Instance-Id", "i-1"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fake.url() + "/echo/a?b=1"))
                .header("X-Probe", "p").POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"got\":\"POST /echo/a hi p\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Instance-Id")).hasValue("i-1");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(response.body().length()));
    }

    @Test
    void aReplyWithoutBodyHasNoneAndHeadNeverGetsOne() throws Exception {
        fake.route("/", request -> request.path().equals("/empty") ? Reply.status(404) : Reply.body(200, "text/plain", "text"));

        HttpResponse<String> empty = send("GET", "/empty", null);
        HttpResponse<String> head = send("HEAD", "/text", null);

        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(empty.body()).isEmpty();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void theLongestPrefixAnswersAndAFailingRouteIs500() throws Exception {
        fake.route("/", request -> Reply.body(200, "text/plain", "root"))
                .route("/api/", request -> {
                    throw new IllegalStateException("broken route");
                });

        assertThat(send("GET", "/other", null).body()).isEqualTo("root");
        HttpResponse<String> failed = send("GET", "/api/x", null);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("broken route");
    }
}
