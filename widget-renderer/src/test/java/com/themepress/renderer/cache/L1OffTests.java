package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * {@code l1-max-size: 0} is no L1, not an L1 that evicts what it is given: every repeat is an L2 hit
 * with the same bytes and ETag as the render, and no L1 traffic is counted.
 */
@RequiresRedisServer
class L1OffTests {

    @Test
    void withoutAnL1EveryRepeatIsAnL2HitWithTheRendersBytesAndEtag() {
        try (RedisServer redis = RedisServer.start();
                FakeUpstreams upstreams = new FakeUpstreams().addon("shop", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA,
                        FakeUpstreams.counting())) {
            Map<String, String> properties = new HashMap<>(Renderer.properties(redis, upstreams));
            properties.put("themepress.widgets.cache.l1-max-size", "0");
            try (Renderer renderer = Renderer.start(properties, new MutableClock())) {
                HttpResponse<String> rendered = renderer.get("/api/widgets/shop/card?site=l1-off");
                HttpResponse<String> again = renderer.get("/api/widgets/shop/card?site=l1-off");
                HttpResponse<String> fragment = renderer.get("/api/widgets/shop/card?site=l1-off", "Accept", "text/html");

                assertThat(rendered.headers().firstValue("X-Widget-Cache")).hasValue("MISS");
                assertThat(again.headers().firstValue("X-Widget-Cache")).hasValue("L2");
                assertThat(fragment.headers().firstValue("X-Widget-Cache")).hasValue("L2");
                assertThat(again.body()).isEqualTo(rendered.body());
                assertThat(again.headers().firstValue("ETag")).isEqualTo(rendered.headers().firstValue("ETag"));
                assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(1);
                assertThat(renderer.counter("widget.cache.hits", "tier", "l2")).isEqualTo(2);
                assertThat(renderer.counter("widget.cache.hits", "tier", "l1")).isZero();
                assertThat(renderer.counter("widget.cache.misses", "tier", "l1")).isZero();
            }
        }
    }
}
