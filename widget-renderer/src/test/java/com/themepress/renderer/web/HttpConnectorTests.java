package com.themepress.renderer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.Http11Nio2Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The renderer serves on Tomcat's NIO2 connector by default, and on NIO when asked. */
class HttpConnectorTests {

    static ProtocolHandler protocol(WebServerApplicationContext context) {
        return ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler();
    }

    /** Many requests on one keep-alive connection, as the gateway sends them: each gets its answer. */
    static void servesKeepAliveRequests(WebServerApplicationContext context) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI health = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/actuator/health/readiness");
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"UP\"");
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class ByDefault {

        @Autowired
        WebServerApplicationContext context;

        @Test
        void servesOnNio2() throws Exception {
            assertThat(protocol(context)).isInstanceOf(Http11Nio2Protocol.class);
            servesKeepAliveRequests(context);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.http.connector=nio")
    class WhenNioIsChosen {

        @Autowired
        WebServerApplicationContext context;

        @Test
        void servesOnNio() throws Exception {
            assertThat(protocol(context)).isInstanceOf(Http11NioProtocol.class);
            servesKeepAliveRequests(context);
        }
    }
}
