package com.themepress.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * The breakers bound failures, not concurrency: many calls in flight to one service at once all reach it.
 * Spring Cloud CircuitBreaker wraps every breaker in a Resilience4j bulkhead of 25 concurrent calls unless
 * told not to; under the widget benchmark's 50 connections the 26th call was refused, the refusal counted as
 * a failure, and the breaker then answered 503 to everyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.widget-edge.enabled=false", "themepress.rate-limit.enabled=false"})
class ConcurrentCallsTests {

    static final int CALLS = 40;
    static final CountDownLatch ALL_ARRIVED = new CountDownLatch(CALLS);
    static final AtomicInteger ARRIVED = new AtomicInteger();
    /** Each call waits until all have arrived (or 3 s), so they are in flight together. */
    static final HttpFake RENDERER = HttpFake.start().route("/api/widgets/busy/", request -> {
        ARRIVED.incrementAndGet();
        ALL_ARRIVED.countDown();
        ALL_ARRIVED.await(3, TimeUnit.SECONDS);
        return Reply.json(200, "{}");
    });

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", () -> "http://127.0.0.1:" + FreePorts.next());
        registry.add("themepress.services.widget-renderer", RENDERER::url);
    }

    @AfterAll
    static void stopUpstreams() {
        RENDERER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void letsFortyCallsToOneServiceRunAtOnce() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/widgets/busy/card"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).as("statuses").containsOnly(200);
        assertThat(ARRIVED).hasValue(CALLS);
    }
}
