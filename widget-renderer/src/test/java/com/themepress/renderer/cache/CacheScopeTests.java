package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;

/**
 * Issue 23 item 11: a render made for one user must never reach another, from any tier. The addon
 * writes the user it was told into its HTML, so a render served to the wrong user shows in the body.
 * Two renderers on one real Redis: the second one's empty L1 makes its answers come from L2.
 */
@RequiresRedisServer
class CacheScopeTests {

    static RedisServer redis;
    static FakeUpstreams upstreams;
    static MutableClock clock = new MutableClock();
    static Renderer first;
    static Renderer second;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams();
        first = Renderer.start(Renderer.properties(redis, upstreams), clock);
        second = Renderer.start(Renderer.properties(redis, upstreams), new MutableClock());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable open : new AutoCloseable[] {second, first, upstreams, redis}) {
            try {
                if (open != null) {
                    open.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Renders "for {user}, session {session}, render {n}" from what the addon was told. */
    static FakeUpstreams.Widget personal() {
        return (version, count, body) -> Answer.render("<p class=\"who\">for " + body.path("context").path("user").asString("nobody")
                + ", session " + body.path("context").path("session").asString("none") + ", render " + count + "</p>", "", "");
    }

    static HttpResponse<String> as(Renderer renderer, String path, String user) {
        return renderer.get(path, "X-User-Id", user, "X-Session-Id", "session-of-" + user);
    }

    static String tier(HttpResponse<String> response) {
        return response.headers().firstValue("X-Widget-Cache").orElseThrow();
    }

    @Test
    void aUserScopedRenderIsNeverServedToAnotherUserFromL1L2OrTheLastGoodCopy() {
        upstreams.addon("account", "1.0.0", "greeting", FakeUpstreams.CARD_SCHEMA, "user", personal());
        String path = "/api/widgets/account/greeting";

        HttpResponse<String> alice = as(first, path, "alice");
        HttpResponse<String> bob = as(first, path, "bob");
        HttpResponse<String> aliceAgain = as(first, path, "alice");

        assertThat(alice.body()).contains("for alice");
        assertThat(bob.body()).as("bob after alice, same renderer (L1)").contains("for bob").doesNotContain("alice");
        assertThat(tier(bob)).isEqualTo("MISS");
        assertThat(tier(aliceAgain)).isEqualTo("L1");
        assertThat(aliceAgain.body()).isEqualTo(alice.body());

        HttpResponse<String> bobOnSecond = as(second, path, "bob");
        HttpResponse<String> carolOnSecond = as(second, path, "carol");
        assertThat(tier(bobOnSecond)).as("bob's own render, from Redis").isEqualTo("L2");
        assertThat(bobOnSecond.body()).isEqualTo(bob.body());
        assertThat(tier(carolOnSecond)).isEqualTo("MISS");
        assertThat(carolOnSecond.body()).contains("for carol").doesNotContain("alice").doesNotContain("bob");

        upstreams.down("account", true);
        clock.advance(Duration.ofMinutes(6)); // L1 expired
        redis.commands().keys("themepress:widget:r:account:*").forEach(k -> redis.commands().del(k)); // L2 expired
        HttpResponse<String> aliceStale = as(first, path, "alice");
        HttpResponse<String> dave = as(first, path, "dave");
        upstreams.down("account", false);

        assertThat(aliceStale.headers().firstValue("X-Widget-Stale")).hasValue("true");
        assertThat(aliceStale.body()).isEqualTo(alice.body());
        assertThat(dave.statusCode()).as("no last good copy of dave's own: someone else's is no stand-in").isEqualTo(502);
        assertThat(dave.body()).doesNotContain("for alice").doesNotContain("for bob").doesNotContain("for carol");
    }

    @Test
    void aUserScopedWidgetIsToldTheUserButNotTheSessionAndMarkedPrivateDownstream() {
        upstreams.addon("profile", "1.0.0", "badge", FakeUpstreams.CARD_SCHEMA, "user", personal());

        HttpResponse<String> erin = as(first, "/api/widgets/profile/badge", "erin");

        List<JsonNode> calls = upstreams.renderBodies("profile", "badge");
        JsonNode context = calls.get(calls.size() - 1).path("context");
        assertThat(context.path("user").asString()).isEqualTo("erin");
        assertThat(context.has("session")).as("not in the key, so not told: another session of erin's is served the same").isFalse();
        assertThat(erin.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(erin.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("X-User-Id"));
        assertThat(redis.commands().keys("themepress:widget:*profile*")).allSatisfy(k -> assertThat(k).doesNotContain("erin"));
    }

    @Test
    void anAnonymousRequestForAUserScopedWidgetGetsTheSharedAnonymousRender() {
        upstreams.addon("cart", "1.0.0", "summary", FakeUpstreams.CARD_SCHEMA, "user", personal());
        String path = "/api/widgets/cart/summary";

        HttpResponse<String> frank = as(first, path, "frank");
        HttpResponse<String> anonymous = first.get(path);
        HttpResponse<String> anotherAnonymous = first.get(path, "X-Session-Id", "someone-else");

        assertThat(frank.body()).contains("for frank");
        assertThat(anonymous.body()).contains("for nobody, session none");
        assertThat(tier(anotherAnonymous)).isEqualTo("L1");
        assertThat(anotherAnonymous.body()).isEqualTo(anonymous.body());
    }

    @Test
    void aPublicWidgetIsNeverToldWhoIsAsking() {
        upstreams.addon("news", "1.0.0", "headlines", FakeUpstreams.CARD_SCHEMA, "public", personal());
        upstreams.addon("weather", "1.0.0", "today", FakeUpstreams.CARD_SCHEMA, personal()); // no scope declared

        HttpResponse<String> grace = as(first, "/api/widgets/news/headlines", "grace");
        HttpResponse<String> heidi = as(first, "/api/widgets/news/headlines", "heidi");
        as(first, "/api/widgets/weather/today", "grace");

        assertThat(grace.body()).contains("for nobody, session none");
        assertThat(tier(heidi)).isEqualTo("L1");
        assertThat(heidi.body()).isEqualTo(grace.body());
        assertThat(upstreams.renders("news", "1.0.0", "headlines")).isEqualTo(1);
        // every call the runtime received, the one answered 404 before the lazy deployment included
        assertThat(upstreams.renderBodies("news", "headlines")).isNotEmpty().allSatisfy(CacheScopeTests::toldNoOne);
        assertThat(upstreams.renderBodies("weather", "today")).isNotEmpty().allSatisfy(CacheScopeTests::toldNoOne);
        assertThat(grace.headers().firstValue("Cache-Control")).hasValue("no-cache, public");
    }

    static void toldNoOne(JsonNode body) {
        assertThat(body.path("context").has("user")).isFalse();
        assertThat(body.path("context").has("session")).isFalse();
    }

    @Test
    void aWidgetWithoutCacheIsRenderedForEveryRequestAndKeptNowhere() {
        upstreams.addon("live", "1.0.0", "ticker", FakeUpstreams.CARD_SCHEMA, "none", personal());
        String path = "/api/widgets/live/ticker";

        HttpResponse<String> one = as(first, path, "ivan");
        HttpResponse<String> two = as(first, path, "ivan");
        HttpResponse<String> three = as(second, path, "judy");
        HttpResponse<String> plain = first.get(path);

        assertThat(upstreams.renders("live", "1.0.0", "ticker")).as("every request reached the addon").isEqualTo(4);
        assertThat(one.body()).contains("for ivan, session session-of-ivan, render 1");
        assertThat(two.body()).contains("render 2");
        assertThat(three.body()).contains("for judy");
        assertThat(plain.body()).contains("for nobody");
        assertThat(List.of(one, two, three, plain)).allSatisfy(r -> {
            assertThat(tier(r)).isEqualTo("BYPASS");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        });
        assertThat(redis.commands().keys("themepress:widget:*live*")).as("nothing in Redis, no last good copy").isEmpty();

        upstreams.down("live", true);
        HttpResponse<String> down = as(first, path, "ivan");
        upstreams.down("live", false);
        assertThat(down.statusCode()).as("no stale copy stands in").isEqualTo(502);
    }
}
