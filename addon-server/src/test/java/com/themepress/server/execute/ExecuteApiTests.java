package com.themepress.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;

/**
 * The addon-server's half of the execute path. A real HTTP server on loopback plays the runtime's
 * API (the runtime itself is tested against Docker in its own module), so these tests can pin down
 * lazy deployment, relaying and event stripping exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecuteApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final List<String> RUNTIME_CALLS = new CopyOnWriteArrayList<>();
    static final List<EmittedEvent> PUBLISHED = new CopyOnWriteArrayList<>();
    static final AtomicBoolean DEPLOYED = new AtomicBoolean();
    static final HttpServer RUNTIME = startRuntime();

    static HttpServer startRuntime() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/runtime/deployments/", ExecuteApiTests::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        RUNTIME_CALLS.add(exchange.getRequestMethod() + " " + path + " " + body);
        if (exchange.getRequestMethod().equals("PUT")) {
            DEPLOYED.set(true);
            send(exchange, 201, "application/json", "{}", null);
        } else if (!DEPLOYED.get()) {
            send(exchange, 404, "application/problem+json", "{\"type\":\"https://themepress.dev/problems/not-found\",\"status\":404}", null);
        } else if (path.endsWith("/execute/charge")) {
            send(exchange, 200, "application/json", "{\"transactionId\":\"tx-1\",\"echo\":" + body + ",\"events\":["
                    + "{\"type\":\"payment.completed\",\"data\":{\"amount\":5}},{\"type\":\"admin.takeover\",\"data\":{}}]}", "i-1");
        } else {
            send(exchange, 400, "application/problem+json", "{\"title\":\"amount must be positive\",\"status\":400}", "i-2");
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body, String instance) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        if (instance != null) {
            exchange.getResponseHeaders().add("X-Instance-Id", instance);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime.url", () -> "http://127.0.0.1:" + RUNTIME.getAddress().getPort());
    }

    @TestConfiguration
    static class RecordEvents {
        @Bean
        @Primary
        EmittedEvents recordingEvents() {
            return PUBLISHED::add;
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.stop(0);
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (api.get("/api/addons/shop").status() == 404) {
            Reply reply = api.post("/api/addons/register", """
                    {"name":"shop","version":"1.0.0","endpoints":["charge","refund"],
                     "events":{"publishes":["payment.completed"]},"permissions":["events.publish"]}
                    """, api.developerKey("shopkeeper"));
            assertThat(reply.status()).isEqualTo(201);
        }
    }

    @Test
    void deploysLazilyRelaysTheAnswerAndPublishesOnlyDeclaredEvents() {
        Reply reply = api.post("/api/addons/shop/execute", "{\"action\":\"charge\",\"data\":{\"amount\":5}}", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("transactionId").asString()).isEqualTo("tx-1");
        assertThat(reply.json().path("echo").path("amount").asInt()).isEqualTo(5);
        assertThat(reply.json().has("events")).isFalse();
        assertThat(RUNTIME_CALLS).anyMatch(c -> c.startsWith("PUT /runtime/deployments/shop/1.0.0 {\"image\":\"themepress/addon-shop:1.0.0\""));
        assertThat(PUBLISHED).extracting(EmittedEvent::type).containsExactly("payment.completed");
    }

    @Test
    void relaysTheAddonsOwn4xx() {
        Reply reply = api.post("/api/addons/shop/execute", "{\"action\":\"refund\",\"data\":{}}", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("amount must be positive");
    }

    @Test
    void refusesUnknownActionsAndAddonsWith404() {
        Reply unknownAction = api.post("/api/addons/shop/execute", "{\"action\":\"mint-money\"}", null);
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownAction.json().path("detail").asString()).contains("charge, refund");

        assertThat(api.post("/api/addons/nobody/execute", "{\"action\":\"x\"}", null).status()).isEqualTo(404);
        assertThat(api.post("/api/addons/shop/execute", "{\"data\":{}}", null).status()).isEqualTo(400);
        assertThat(api.post("/api/addons/shop/execute", "[1,2]", null).status()).isEqualTo(400);
    }
}
