package com.themepress.gateway.widgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.Gate;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

/**
 * The edge's bound on requests waiting for the renderer, against a real HTTP server standing in for
 * a renderer that holds its answers until the test lets them go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.defaults.metrics.export.enabled=true", "management.server.port=0", "themepress.widget-edge.max-in-flight=2"})
class WidgetEdgeCapacityTests {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final Gate LET_GO = Gate.closed();
    static final HttpFake RENDERER = HttpFake.start().route("/", request -> {
        SEEN.add(request.path());
        LET_GO.pass();
        return Reply.json(200, "{\"html\":\"<p>held</p>\"}");
    });

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.widget-renderer", () -> RENDERER.url());
    }

    @AfterAll
    static void stopRenderer() {
        LET_GO.open();
        RENDERER.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    final HttpClient http = HttpClient.newHttpClient();

    CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneRequestOverTheBoundIs503WithRetryAfterAndNeverReachesTheRenderer() throws Exception {
        CompletableFuture<HttpResponse<String>> first = get("/api/widgets/shop/first");
        CompletableFuture<HttpResponse<String>> second = get("/api/widgets/shop/second");
        await().atMost(Duration.ofSeconds(10)).until(() -> SEEN.size() == 2);
        assertThat(inFlight()).isEqualTo(2);

        HttpResponse<String> third = get("/api/widgets/shop/third").get(5, TimeUnit.SECONDS);

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.body()).contains("https://themepress.dev/problems/unavailable").contains("\"instance\":\"/api/widgets/shop/third\"");
        assertThat(SEEN).doesNotContain("/api/widgets/shop/third");

        LET_GO.open();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // each poll is a scrape, which takes seconds on a loaded machine
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0);
        assertThat(get("/api/widgets/shop/fourth").get(10, TimeUnit.SECONDS).statusCode())
                .as("the places are given back once answered").isEqualTo(200);
    }

    double inFlight() throws Exception {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS).body().lines()
                .filter(line -> line.startsWith("gateway_widget_in_flight{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }
}
