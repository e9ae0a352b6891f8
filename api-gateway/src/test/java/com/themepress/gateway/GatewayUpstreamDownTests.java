package com.themepress.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.FreePorts;

/** A route whose service is not running answers 503 problem+json, not a bare 500; so does the widget edge. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayUpstreamDownTests {

    @DynamicPropertySource
    static void deadUpstream(DynamicPropertyRegistry registry) {
        int freePort = FreePorts.next();
        registry.add("themepress.services.addon-server", () -> "http://127.0.0.1:" + freePort);
        registry.add("themepress.services.widget-renderer", () -> "http://127.0.0.1:" + freePort);
    }

    @LocalServerPort
    int port;

    @Test
    void answersUnreachableServiceWith503Problem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/addons")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("https://themepress.dev/problems/unavailable");
    }

    @Test
    void answersAnUnreachableRendererWith503ProblemFromTheWidgetEdge() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/widgets/shop/card?site=a")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://themepress.dev/problems/unavailable").contains("\"instance\":\"/api/widgets/shop/card\"");
    }
}
