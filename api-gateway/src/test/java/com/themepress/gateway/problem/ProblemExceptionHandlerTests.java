package com.themepress.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.themepress.gateway.resilience.CircuitBreakerProperties;
import com.themepress.model.requests.DisconnectedClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.netty.channel.AbortedException;

/** A client that left is counted and not answered; a service that is down still gets its problem. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemExceptionHandlerTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ProblemExceptionHandler handler = new ProblemExceptionHandler(
            new CircuitBreakerProperties(50, 20, 10, Duration.ofSeconds(5), 3), new DisconnectedClients(meters));

    @Test
    void countsAClientThatClosedItsConnectionWithoutAnErrorInTheLog(CapturedOutput output) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/addons"));

        handler.handle(exchange, new AbortedException("Connection has been closed BEFORE send operation")).block();

        assertThat(meters.counter("clients.disconnected").count()).isEqualTo(1);
        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(output).doesNotContain("ERROR").doesNotContain("AbortedException");
    }

    @Test
    void stillAnswersAServiceThatIsDownWith503() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/addons"));

        handler.handle(exchange, new RuntimeException(new ConnectException("Connection refused"))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(meters.counter("clients.disconnected").count()).isZero();
    }
}
