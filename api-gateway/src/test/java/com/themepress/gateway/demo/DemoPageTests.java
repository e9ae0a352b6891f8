package com.themepress.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway serves the demo page itself, beside its routes (scripts/demo.sh sets up the site it shows). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoPageTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAtItsFolderWithItsScriptAndStyle() throws Exception {
        HttpResponse<String> page = get("/demo/?key=pk_demo_x");
        HttpResponse<String> script = get("/demo/demo.js");
        HttpResponse<String> style = get("/demo/demo.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/demo/demo.js\"").contains("data-widget=\"checkout-form\"");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("themepress-key").contains("?site=");
        assertThat(style.statusCode()).isEqualTo(200);
    }

    @Test
    void sendsTheBareFolderNameToTheFolderKeepingTheQuery() throws Exception {
        HttpResponse<String> response = get("/demo?key=pk_demo_x");

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("/demo/?key=pk_demo_x");
    }
}
