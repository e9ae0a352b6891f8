package com.themepress.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.http.EndlessServer;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A render answer is read no further than {@code themepress.widgets.render.max-answer}, even one that never ends. */
@RequiresRedisServer
class RuntimeRendererTests {

    static RedisServer redis;
    static FakeUpstreams upstreams;
    static EndlessServer endlessRuntime;
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams().addon("flood", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        endlessRuntime = EndlessServer.chunked(Map.of("Content-Type", "application/json", "X-Instance-Id", "i-1"));
        Map<String, String> properties = new HashMap<>(Renderer.properties(redis, upstreams));
        properties.put("themepress.runtime-client.url", endlessRuntime.url());
        properties.put("themepress.widgets.render.max-answer", "64KB");
        renderer = Renderer.start(properties, new MutableClock());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable open : new AutoCloseable[] {renderer, endlessRuntime, upstreams, redis}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anEndlessRenderAnswerIsCutOffAtTheLimitWith502NamingIt() {
        long started = System.nanoTime();
        HttpResponse<String> response = renderer.get("/api/widgets/flood/card");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.path("type").asString()).endsWith("/upstream-failed");
        assertThat(problem.path("detail").asString()).contains("larger than the limit of 65536 bytes");
        // What shows the cut: a 502 (not the 504 of the client's 8 s timeout) and the writer stopped by a hang-up
        // long before the socket buffers could hide a whole read. The time bound only guards against a hang.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> endlessRuntime.abandoned() >= 1);
        assertThat(endlessRuntime.written()).as("the renderer hung up soon after the limit").isLessThan(16L * 1024 * 1024);
    }
}
