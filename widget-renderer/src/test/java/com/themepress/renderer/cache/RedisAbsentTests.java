package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.MutableClock;

/**
 * Redis is the second tier, not a requirement: a renderer whose Redis does not answer starts,
 * renders and serves from L1 (once it ended start-up when the pub/sub listener could not connect).
 */
class RedisAbsentTests {

    @Test
    void startsAndServesWithoutRedis() throws Exception {
        try (FakeUpstreams upstreams = new FakeUpstreams().addon("shop", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA,
                FakeUpstreams.counting())) {
            Map<String, String> properties = new HashMap<>();
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", String.valueOf(FreePorts.next()));
            properties.put("themepress.upstreams.addon-server", upstreams.url());
            properties.put("themepress.runtime-client.url", upstreams.runtimeUrl());
            try (Renderer renderer = Renderer.start(properties, new MutableClock())) {
                HttpResponse<String> first = renderer.get("/api/widgets/shop/card");
                HttpResponse<String> second = renderer.get("/api/widgets/shop/card");

                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                assertThat(first.body()).contains("\"html\"");
                assertThat(second.statusCode()).isEqualTo(200);
                assertThat(second.headers().firstValue("X-Widget-Cache")).hasValue("L1");
                assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(1);
            }
        }
    }
}
