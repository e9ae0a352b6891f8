package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * A cache hit is as safe as a render: a widget with script is served as the sandboxed frame from
 * every tier (a render, L1, another renderer's L2, the last good copy), never as in-page script.
 */
@RequiresRedisServer
class FramedFormCacheTests {

    static final String PATH = "/api/widgets/scripted/card";
    static RedisServer redis;
    static FakeUpstreams upstreams;
    static final MutableClock clock = new MutableClock();
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams().addon("scripted", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        renderer = Renderer.start(Renderer.properties(redis, upstreams), clock);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {renderer, upstreams, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void everyTierServesAWidgetWithScriptAsTheSandboxedFrame() {
        HttpResponse<String> miss = renderer.get(PATH, "Accept", "text/html");
        HttpResponse<String> l1 = renderer.get(PATH, "Accept", "text/html");
        HttpResponse<String> l2;
        try (Renderer other = Renderer.start(Renderer.properties(redis, upstreams), new MutableClock())) {
            l2 = other.get(PATH, "Accept", "text/html");
        }
        upstreams.down("scripted", true);
        clock.advance(Duration.ofMinutes(6)); // L1 expired
        redis.commands().keys("themepress:widget:r:scripted:*").forEach(k -> redis.commands().del(k)); // L2 expired
        HttpResponse<String> lastGood = renderer.get(PATH, "Accept", "text/html");
        upstreams.down("scripted", false);

        assertThat(miss.headers().firstValue("X-Widget-Cache")).hasValue("MISS");
        assertThat(l1.headers().firstValue("X-Widget-Cache")).hasValue("L1");
        assertThat(l2.headers().firstValue("X-Widget-Cache")).hasValue("L2");
        assertThat(lastGood.headers().firstValue("X-Widget-Cache")).hasValue("LAST_GOOD");
        for (HttpResponse<String> served : java.util.List.of(miss, l1, l2, lastGood)) {
            assertThat(served.body()).contains("<iframe sandbox=\"allow-scripts allow-forms\"")
                    .doesNotContain("allow-same-origin")
                    .as("the widget's script is only inside the frame's document").doesNotContain("root.dataset.ran='yes'");
            assertThat(served.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).endsWith("-f\""));
            assertThat(served.body()).isEqualTo(miss.body());
        }
    }

    /**
     * Issue 15 item 5: a site that granted the addon {@code page.script} gets its widget in the page
     * (from a render and from L1), while any other site, and a page naming no site, still gets the frame.
     */
    @Test
    void aSiteThatGrantedPageScriptGetsTheWidgetInThePageAndNoOtherSiteDoes() {
        upstreams.addon("granted", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting()).grantPageScript("trusting");
        String path = "/api/widgets/granted/card";

        HttpResponse<String> trusting = renderer.get(path + "?site=trusting", "Accept", "text/html");
        HttpResponse<String> trustingAgain = renderer.get(path + "?site=trusting", "Accept", "text/html");
        HttpResponse<String> other = renderer.get(path + "?site=cautious", "Accept", "text/html");
        HttpResponse<String> none = renderer.get(path, "Accept", "text/html");

        for (HttpResponse<String> inPage : java.util.List.of(trusting, trustingAgain)) {
            assertThat(inPage.statusCode()).isEqualTo(200);
            assertThat(inPage.body()).doesNotContain("<iframe").contains("root.dataset.ran='yes'");
            assertThat(inPage.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).endsWith("-h\""));
        }
        assertThat(trustingAgain.headers().firstValue("X-Widget-Cache")).hasValue("L1");
        for (HttpResponse<String> framed : java.util.List.of(other, none)) {
            assertThat(framed.body()).contains("<iframe sandbox=\"allow-scripts allow-forms\"").doesNotContain("root.dataset.ran='yes'");
        }
    }
}
