package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * Two gateway replicas sharing one Redis count every caller once: the 101st request in a minute from a
 * key is 429 problem+json with {@code Retry-After}, whichever replica it reaches, on the route table and
 * at the widget edge; another key, and another route class, are not touched.
 */
@RequiresRedisServer
class RateLimitAcrossReplicasTests {

    static final MutableClock CLOCK = new MutableClock();
    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[]}"))
            .route("/", request -> Reply.json(200, "{\"ok\":true}"));
    static RedisServer redis;
    static GatewayReplica one;
    static GatewayReplica two;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        Map<String, String> shared = Map.of("spring.data.redis.port", String.valueOf(redis.port()),
                "themepress.services.addon-server", SERVICES.url(), "themepress.services.widget-renderer", SERVICES.url(),
                "themepress.rate-limit.widgets.per-minute", "30", "themepress.rate-limit.widgets.burst", "5");
        one = GatewayReplica.start(CLOCK, shared);
        two = GatewayReplica.start(CLOCK, shared);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {one, two, redis, SERVICES}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing the rest anyway
            }
        }
    }

    @Test
    void theHundredAndFirstRequestInAMinuteFromOneKeyIs429OnEitherReplicaAndAnotherKeyIsUnaffected() {
        for (int i = 0; i < 100; i++) {
            GatewayReplica replica = i % 2 == 0 ? one : two;
            HttpResponse<String> ok = replica.get("/api/addons", "X-API-Key", "tpk_first");
            assertThat(ok.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(99 - i));
        }

        HttpResponse<String> refused = one.get("/api/addons", "X-API-Key", "tpk_first");
        HttpResponse<String> other = two.get("/api/addons", "X-API-Key", "tpk_second");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("https://themepress.dev/problems/rate-limited").contains("\"instance\":\"/api/addons\"");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("X-RateLimit-Reset")).hasValue("60");
        assertThat(two.get("/api/addons", "X-API-Key", "tpk_first").statusCode()).as("the other replica agrees").isEqualTo(429);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
        assertThat(one.get("/api/events/subscribers", "X-API-Key", "tpk_first").statusCode()).as("events have their own limit")
                .isEqualTo(200);

        CLOCK.advance(Duration.ofMillis(600));
        assertThat(two.get("/api/addons", "X-API-Key", "tpk_first").statusCode()).as("one request's worth refilled").isEqualTo(200);
        assertThat(one.get("/api/addons", "X-API-Key", "tpk_first").statusCode()).isEqualTo(429);
    }

    @Test
    void theWidgetEdgeCountsAPagesPublishableKeyAcrossReplicasWithItsOwnLimit() {
        String widget = "/api/widgets/shop/card?key=pk_shop_0123";
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = (i % 2 == 0 ? one : two).get(widget);
            assertThat(ok.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("30");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(4 - i));
        }

        HttpResponse<String> refused = two.get(widget);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("https://themepress.dev/problems/rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(one.get("/api/widgets/shop/card?key=pk_other_0123").statusCode()).as("another site's key").isEqualTo(200);
        assertThat(one.get("/api/widgets/shop/card").statusCode()).as("no key: counted by address").isEqualTo(200);
    }
}
