package com.themepress.renderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.ListenAddresses;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * The renderer is an internal service: it listens on loopback unless told otherwise, lets in only
 * requests with the service key when one is configured, sends that key to the addon-server and the
 * runtime, and refuses to start on a network address without one.
 */
@RequiresRedisServer
class ServiceKeyTests {

    static final String KEY = "renderer-test-service-key";
    static RedisServer redis;
    static FakeUpstreams upstreams;
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams().requireServiceKey(KEY)
                .addon("shop", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        renderer = Renderer.start(with("themepress.service-key", KEY), new MutableClock());
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

    static Map<String, String> with(String property, String value) {
        Map<String, String> properties = new HashMap<>(Renderer.properties(redis, upstreams));
        properties.put(property, value);
        return properties;
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(ListenAddresses.of(URI.create(renderer.url()).getPort())).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void aWidgetGetWithoutTheKeyIsRefused() {
        int asked = upstreams.resolutions() + upstreams.refusedResolutions();
        HttpResponse<String> refused = renderer.get("/api/widgets/shop/card?site=no-key");
        HttpResponse<String> forged = renderer.get("/api/widgets/shop/card?site=no-key", "X-Service-Key", "forged-by-a-client-0000");

        for (HttpResponse<String> response : List.of(refused, forged)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("https://themepress.dev/problems/unauthenticated");
        }
        assertThat(upstreams.resolutions() + upstreams.refusedResolutions()).as("nothing reached the addon-server").isEqualTo(asked);
    }

    @Test
    void withTheKeyTheWidgetRendersAndTheRendererSendsTheKeyOn() {
        // the fake addon-server and runtime answer 401 to any request without the key
        HttpResponse<String> rendered = renderer.get("/api/widgets/shop/card?site=keyed", "X-Service-Key", KEY);

        assertThat(rendered.statusCode()).as(rendered.body()).isEqualTo(200);
        assertThat(rendered.body()).contains("render 1");
        assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(1);
    }

    @Test
    void theProbesNeedNoKeyTheScrapeDoes() {
        assertThat(renderer.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(renderer.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(renderer.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(renderer.get("/actuator/prometheus", "X-Service-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyTheAddonServerDoesNotShareIsTheRenderersFailureNotTheCallers() {
        try (Renderer misconfigured = Renderer.start(with("themepress.service-key", "a-different-service-key"), new MutableClock())) {
            HttpResponse<String> response = misconfigured.get("/api/widgets/shop/card?site=wrong", "X-Service-Key",
                    "a-different-service-key");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("refused the renderer's service key");
        }
    }

    @Test
    void withoutAKeyItDoesNotStartOnANetworkAddress() {
        assertThatThrownBy(() -> Renderer.start(with("server.address", "0.0.0.0"), new MutableClock()).close())
                .rootCause().hasMessageContaining("without a service key").hasMessageContaining("THEMEPRESS_SERVICE_KEY");
    }
}
