package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.model.cluster.BroadcastChannels;
import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Issue 23 item 13: every distinct config or site used to leave a 1 h render key and a 7 d last-good
 * key in Redis, so anyone could grow Redis without bound through {@code ?config=}. Now each widget
 * keeps at most {@code max-variants} of each, dropping the least recently written.
 */
@RequiresRedisServer
class VariantBoundTests {

    static final int MAX = 5;
    static RedisServer redis;
    static FakeUpstreams upstreams;
    static MutableClock clock = new MutableClock();
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams();
        Map<String, String> properties = new HashMap<>(Renderer.properties(redis, upstreams));
        properties.put("themepress.widgets.cache.max-variants", String.valueOf(MAX));
        renderer = Renderer.start(properties, clock);
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
        if (upstreams != null) {
            upstreams.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static String titled(String title) {
        return "?config=" + URLEncoder.encode("{\"title\":\"" + title + "\"}", StandardCharsets.UTF_8);
    }

    @Test
    void writingMoreVariantsThanTheBoundKeepsOnlyTheMostRecentlyWritten() {
        upstreams.addon("flood", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        int written = MAX + 7;
        for (int i = 1; i <= written; i++) {
            assertThat(renderer.get("/api/widgets/flood/card" + titled("t" + i)).statusCode()).isEqualTo(200);
        }

        assertThat(redis.commands().keys("themepress:widget:r:flood:*")).as("L2 renders").hasSize(MAX);
        assertThat(redis.commands().keys("themepress:widget:good:flood:*")).as("last good renders").hasSize(MAX);

        clock.advance(Duration.ofMinutes(6)); // L1 expired: what follows comes from Redis or the addon
        int renders = upstreams.renders("flood", "1.0.0", "card");
        HttpResponse<String> newest = renderer.get("/api/widgets/flood/card" + titled("t" + written));
        HttpResponse<String> oldest = renderer.get("/api/widgets/flood/card" + titled("t1"));
        assertThat(newest.headers().firstValue("X-Widget-Cache")).hasValue("L2");
        assertThat(oldest.headers().firstValue("X-Widget-Cache")).as("the least recently written was dropped").hasValue("MISS");
        assertThat(upstreams.renders("flood", "1.0.0", "card")).isEqualTo(renders + 1);
        assertThat(redis.commands().keys("themepress:widget:r:flood:*")).hasSize(MAX);
    }

    @Test
    void lastGoodCopiesAreBoundedPerWidgetAcrossVersions() {
        upstreams.addon("versions", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        for (int i = 1; i <= MAX; i++) {
            renderer.get("/api/widgets/versions/card" + titled("a" + i));
        }
        upstreams.publishVersion("versions", "2.0.0");
        redis.commands().publish(BroadcastChannels.REGISTRY_CHANGES, "versions");
        await().atMost(Duration.ofSeconds(2)).until(() ->
                renderer.get("/api/widgets/versions/card" + titled("b0")).headers().firstValue("X-Widget-Version").orElse("").equals("2.0.0"));
        for (int i = 1; i <= MAX; i++) {
            renderer.get("/api/widgets/versions/card" + titled("b" + i));
        }

        assertThat(redis.commands().keys("themepress:widget:r:versions:1.0.0:card:*")).hasSize(MAX);
        assertThat(redis.commands().keys("themepress:widget:r:versions:2.0.0:card:*")).hasSize(MAX);
        assertThat(redis.commands().keys("themepress:widget:good:versions:card:*")).as("one bound for the widget, whatever the version")
                .hasSize(MAX);
    }

    @Test
    void theIndexThatBoundsAWidgetIsItselfBoundedAndExpires() {
        upstreams.addon("indexed", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        for (int i = 1; i <= MAX * 3; i++) {
            renderer.get("/api/widgets/indexed/card" + titled("i" + i));
        }

        assertThat(redis.commands().zcard("themepress:widget:idx:r:indexed:1.0.0:card")).isEqualTo(MAX);
        assertThat(redis.commands().zcard("themepress:widget:idx:good:indexed:card")).isEqualTo(MAX);
        assertThat(redis.commands().ttl("themepress:widget:idx:r:indexed:1.0.0:card")).isBetween(3500L, 3600L);
        assertThat(redis.commands().ttl("themepress:widget:idx:good:indexed:card")).isGreaterThan(Duration.ofDays(6).toSeconds());
    }
}
