package com.themepress.gateway.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A keep-alive connection the renderer drops after reading the next request, without answering
 * (as when it closes an idle connection just as the gateway reuses it): the edge sends the GET
 * once more on a new connection, and the caller sees only the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetEdgeRetryTests {

    static final ServerSocket RENDERER = listen();
    static final AtomicInteger CONNECTIONS = new AtomicInteger();
    static final AtomicInteger DROPPED = new AtomicInteger();

    /** Answers the first request of every connection with keep-alive, then drops the connection on the second. */
    static ServerSocket listen() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        CONNECTIONS.incrementAndGet();
                        Thread connection = new Thread(() -> serve(socket), "retry-test-connection");
                        connection.setDaemon(true);
                        connection.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "retry-test-renderer");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (int request = 1; ; request++) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                while (!in.readLine().isEmpty()) {
                    // headers
                }
                if (request > 1) {
                    DROPPED.incrementAndGet();
                    return; // read, never answered
                }
                byte[] body = ("{\"line\":\"" + line + "\"}").getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the gateway went away
        }
    }

    @DynamicPropertySource
    static void renderer(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.widget-renderer", () -> "http://127.0.0.1:" + RENDERER.getLocalPort());
    }

    @AfterAll
    static void stop() throws IOException {
        RENDERER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aGetLostOnAReusedConnectionIsSentOnceMoreOnANewOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/widgets/shop/card?n=" + i)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"line\":\"GET /api/widgets/shop/card?n=" + i + " HTTP/1.1\"}");
        }
        assertThat(DROPPED.get()).as("requests the renderer dropped on a reused connection").isEqualTo(4);
        assertThat(CONNECTIONS.get()).isEqualTo(5);
    }
}
