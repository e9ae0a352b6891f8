package com.themepress.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Issue 23, items 9 and 10, on the renderer's side: a configSchema's pattern checks {@code ?config=}
 * in linear time, a widget's resolution is held once whatever the {@code site}, and the resolutions
 * held are bounded in bytes.
 */
@RequiresRedisServer
class HostileSchemaTests {

    static final String LARGE_SCHEMA = "{\"type\":\"object\",\"description\":\"" + "x".repeat(16 * 1024) + "\"}";
    static final int LARGE_ADDONS = 40;
    static final long RESOLVED_MAX = 2L * 1024 * 1024;

    static RedisServer redis;
    static FakeUpstreams upstreams;
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams()
                .addon("shop", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting())
                .addon("greedy", "1.0.0", "card", """
                        {"type":"object","properties":{"title":{"type":"string","pattern":"(.*a){20}$"}}}""", FakeUpstreams.counting());
        for (int i = 0; i < LARGE_ADDONS; i++) {
            upstreams.addon("large-" + i, "1.0.0", "card", LARGE_SCHEMA, FakeUpstreams.counting());
        }
        Map<String, String> properties = new HashMap<>(Renderer.properties(redis, upstreams));
        properties.put("themepress.widgets.cache.resolved-max-size", RESOLVED_MAX + "B");
        renderer = Renderer.start(properties, new MutableClock());
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

    @Test
    void aHostileConfigValueIsCheckedInMilliseconds() {
        String config = URLEncoder.encode("{\"title\":\"" + "a".repeat(64) + "!\"}", StandardCharsets.UTF_8);
        // Resolved and compiled first, so that the bound below times the check alone, not a cold start.
        assertThat(renderer.get("/api/widgets/greedy/card?config=%7B%7D").statusCode()).isEqualTo(200);

        HttpResponse<String> response = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> renderer.get("/api/widgets/greedy/card?config=" + config));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/title");
    }

    @Test
    void everySiteSharesTheWidgetsOneResolution() {
        WidgetResolver resolver = renderer.bean(WidgetResolver.class);

        ResolvedWidget plain = resolver.resolve("shop", "card", null);
        ResolvedWidget first = resolver.resolve("shop", "card", "site-1");
        ResolvedWidget second = resolver.resolve("shop", "card", "site-2");

        assertThat(first.configSchema()).isSameAs(plain.configSchema()).isSameAs(second.configSchema());
        assertThat(first.check()).isSameAs(plain.check()).isSameAs(second.check());
    }

    @Test
    void resolutionsAreBoundedInBytes() {
        WidgetResolver resolver = renderer.bean(WidgetResolver.class);

        for (int i = 0; i < LARGE_ADDONS; i++) {
            resolver.resolve("large-" + i, "card", null);
            resolver.resolve("large-" + i, "card", "site-" + i);
        }

        assertThat(resolver.weightedSize()).isPositive()
                .isLessThanOrEqualTo(RESOLVED_MAX + renderer.bean(com.themepress.renderer.cache.CacheProperties.class).siteConfigMaxSize().toBytes());
        assertThat(LARGE_ADDONS * (long) WidgetResolver.HEAP_PER_JSON_BYTE * LARGE_SCHEMA.length())
                .as("what an entry-counted cache would hold").isGreaterThan(RESOLVED_MAX * 4);
    }
}
