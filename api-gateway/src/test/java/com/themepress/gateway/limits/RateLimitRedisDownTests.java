package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.themepress.testsupport.FreePorts;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;

import io.micrometer.core.instrument.MeterRegistry;

/** With Redis unreachable the gateway lets requests through uncounted by default, and refuses them with 503 when told to. */
class RateLimitRedisDownTests {

    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[]}"))
            .route("/", request -> Reply.json(200, "{\"ok\":true}"));
    static final String DEAD_REDIS = String.valueOf(FreePorts.next());

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    static GatewayReplica gateway(String failOpen) {
        return GatewayReplica.start(new MutableClock(), Map.of("spring.data.redis.port", DEAD_REDIS,
                "themepress.services.addon-server", SERVICES.url(), "themepress.services.widget-renderer", SERVICES.url(),
                "themepress.rate-limit.fail-open", failOpen));
    }

    @Test
    void failsOpenByDefaultWithoutHeadersAndCountsItInAMetric() {
        try (GatewayReplica gateway = gateway("true")) {
            HttpResponse<String> routed = gateway.get("/api/addons", "X-API-Key", "tpk_a");
            HttpResponse<String> widget = gateway.get("/api/widgets/shop/card");

            assertThat(routed.statusCode()).isEqualTo(200);
            assertThat(widget.statusCode()).isEqualTo(200);
            assertThat(routed.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
            assertThat(widget.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
            assertThat(gateway.context().getBean(MeterRegistry.class).get("gateway.rate.limit.unavailable").counter().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void withFailOpenOffAnswers503Problem() {
        try (GatewayReplica gateway = gateway("false")) {
            HttpResponse<String> routed = gateway.get("/api/addons", "X-API-Key", "tpk_a");
            HttpResponse<String> widget = gateway.get("/api/widgets/shop/card");

            assertThat(routed.statusCode()).isEqualTo(503);
            assertThat(routed.body()).contains("https://themepress.dev/problems/unavailable");
            assertThat(widget.statusCode()).isEqualTo(503);
            assertThat(widget.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }
}
