package com.themepress.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HealthProbeTests {

    private HttpServer server;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void asksLoopbackOnTheDefaultPortWhenTheEnvironmentSaysNothing() {
        assertThat(HealthProbe.target(Map.of(), "8081")).isEqualTo(URI.create("http://127.0.0.1:8081/actuator/health/readiness"));
    }

    @Test
    void asksWhereSpringListensWhenTheEnvironmentMovedIt() {
        assertThat(HealthProbe.target(Map.of("SERVER_ADDRESS", "172.29.0.1", "SERVER_PORT", "9082"), "8082"))
                .isEqualTo(URI.create("http://172.29.0.1:9082/actuator/health/readiness"));
    }

    @Test
    void asksAWildcardAddressOnLoopback() {
        assertThat(HealthProbe.target(Map.of("SERVER_ADDRESS", "0.0.0.0"), "8083").getHost()).isEqualTo("127.0.0.1");
        assertThat(HealthProbe.target(Map.of("SERVER_ADDRESS", "::"), "8083").getHost()).isEqualTo("[::1]");
    }

    @Test
    void passesWhenTheProbeAnswers200() throws IOException {
        assertThat(HealthProbe.probe(serve(200), Duration.ofSeconds(2), out)).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("answered 200");
    }

    @Test
    void failsWhenTheServiceIsNotReady() throws IOException {
        assertThat(HealthProbe.probe(serve(503), Duration.ofSeconds(2), out)).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("answered 503");
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + HealthProbe.PATH);
        assertThat(HealthProbe.probe(uri, Duration.ofSeconds(2), out)).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("did not answer");
    }

    private URI serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(HealthProbe.PATH, exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + HealthProbe.PATH);
    }
}
