package com.themepress.renderer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.themepress.model.cluster.BroadcastChannels;
import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

/**
 * The cache against a real Redis (its own redis-server) and a real HTTP addon-server/runtime pair
 * on loopback whose addon counts its renders: single flight across threads and across renderers,
 * L1 then L2 after a restart, versioned keys with pub/sub eviction, stale serving when the addon fails.
 */
@RequiresRedisServer
class WidgetCachingTests {

    static final String CHANNEL = BroadcastChannels.REGISTRY_CHANGES;
    static RedisServer redis;
    static FakeUpstreams upstreams;
    static MutableClock clock = new MutableClock();
    static Renderer renderer;
    final List<Renderer> extra = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams();
        renderer = Renderer.start(Renderer.properties(redis, upstreams), clock);
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

    @AfterEach
    void closeExtra() {
        extra.forEach(Renderer::close);
        upstreams.releaseRenders();
    }

    Renderer another() {
        Renderer started = Renderer.start(Renderer.properties(redis, upstreams), new MutableClock());
        extra.add(started);
        return started;
    }

    @Test
    void burstOfIdenticalFirstRequestsRendersOnceThenL1ThenL2AfterRestart() throws Exception {
        upstreams.addon("burst", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        upstreams.holdRenders();
        Renderer first = another();

        CompletableFuture<List<HttpResponse<String>>> burst = CompletableFuture.supplyAsync(
                () -> concurrently(first.url() + "/api/widgets/burst/card", 200));
        // every request missed L1 while the addon's one render is held: the rest wait for that render
        await().atMost(Duration.ofSeconds(20)).until(() -> upstreams.heldRenders() == 1
                && first.counter("widget.cache.misses", "tier", "l1") >= 200);
        upstreams.releaseRenders();
        List<HttpResponse<String>> answers = burst.get(30, TimeUnit.SECONDS);

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(answers.get(0).body()).contains("render 1");
        assertThat(upstreams.renders("burst", "1.0.0", "card")).as("renders seen by the addon").isEqualTo(1);
        assertThat(answers.stream().map(a -> a.headers().firstValue("X-Widget-Cache").orElseThrow()))
                .containsOnlyOnce("MISS").contains("COALESCED").isSubsetOf("MISS", "COALESCED", "L1");

        double l1Hits = first.counter("widget.cache.hits", "tier", "l1");
        HttpResponse<String> next = first.get("/api/widgets/burst/card");
        assertThat(next.headers().firstValue("X-Widget-Cache")).hasValue("L1");
        assertThat(first.counter("widget.cache.hits", "tier", "l1")).isEqualTo(l1Hits + 1);

        first.close();
        Renderer restarted = another();
        HttpResponse<String> afterRestart = restarted.get("/api/widgets/burst/card");
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.headers().firstValue("X-Widget-Cache")).hasValue("L2");
        assertThat(afterRestart.body()).isEqualTo(answers.get(0).body());
        assertThat(upstreams.renders("burst", "1.0.0", "card")).isEqualTo(1);
        assertThat(restarted.get("/api/widgets/burst/card").headers().firstValue("X-Widget-Cache")).hasValue("L1");
    }

    @Test
    void burstAcrossTwoRenderersRendersOnce() throws Exception {
        upstreams.addon("twins", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        upstreams.holdRenders();
        Renderer a = another();
        Renderer b = another();

        CompletableFuture<List<HttpResponse<String>>> onA = CompletableFuture.supplyAsync(() -> concurrently(a.url() + "/api/widgets/twins/card", 50));
        CompletableFuture<List<HttpResponse<String>>> onB = CompletableFuture.supplyAsync(() -> concurrently(b.url() + "/api/widgets/twins/card", 50));
        // both renderers have every request waiting while the one render (the lock holder's) is held
        await().atMost(Duration.ofSeconds(20)).until(() -> upstreams.heldRenders() == 1
                && a.counter("widget.cache.misses", "tier", "l1") + b.counter("widget.cache.misses", "tier", "l1") >= 100);
        upstreams.releaseRenders();

        assertThat(onA.get(30, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(onB.get(30, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(upstreams.renders("twins", "1.0.0", "card")).isEqualTo(1);
        assertThat(a.counter("widget.cache.coalesced", "scope", "remote") + b.counter("widget.cache.coalesced", "scope", "remote"))
                .as("the renderer that lost the Redis lock waited for the other's render").isEqualTo(1);
    }

    @Test
    void anL1HitTouchesNeitherRedisNorTheAddonServerNorTheAddon() {
        upstreams.addon("quiet", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        assertThat(renderer.get("/api/widgets/quiet/card?locale=fr").statusCode()).isEqualTo(200);
        String statsBefore = redis.commands().info("commandstats");
        int resolutions = upstreams.resolutions();
        int renders = upstreams.totalRenders();

        for (int i = 0; i < 20; i++) {
            assertThat(renderer.get("/api/widgets/quiet/card?locale=fr").headers().firstValue("X-Widget-Cache")).hasValue("L1");
        }

        assertThat(commandCalls(redis.commands().info("commandstats"))).isEqualTo(commandCalls(statsBefore) + 1); // the INFO itself
        assertThat(upstreams.resolutions()).isEqualTo(resolutions);
        assertThat(upstreams.totalRenders()).isEqualTo(renders);
    }

    @Test
    void aNewVersionChangesTheOutputAtOnce() {
        upstreams.addon("versioned", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        assertThat(renderer.get("/api/widgets/versioned/card").body()).contains("v1.0.0");
        assertThat(renderer.get("/api/widgets/versioned/card").headers().firstValue("X-Widget-Cache")).hasValue("L1");

        upstreams.publishVersion("versioned", "1.1.0");
        redis.commands().publish(CHANNEL, "versioned");

        // Pub/sub delivery is asynchronous but takes about a millisecond; no TTL is waited for.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
                assertThat(renderer.get("/api/widgets/versioned/card").body()).contains("v1.1.0"));
        HttpResponse<String> after = renderer.get("/api/widgets/versioned/card");
        assertThat(after.headers().firstValue("X-Widget-Version")).hasValue("1.1.0");
        assertThat(upstreams.deployed("versioned", "1.1.0")).as("the new version was deployed lazily").isTrue();
    }

    /**
     * A change that asks for confirmation is acted on before it is confirmed: once the renderer's
     * confirmation is in Redis, the very next request sees the new state, with no waiting.
     */
    @Test
    void aConfirmedChangeIsInForceByTheTimeItsConfirmationArrives() {
        upstreams.addon("confirmed", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        assertThat(renderer.get("/api/widgets/confirmed/card").body()).contains("v1.0.0");
        assertThat(renderer.get("/api/widgets/confirmed/card").headers().firstValue("X-Widget-Cache")).hasValue("L1");

        upstreams.publishVersion("confirmed", "1.1.0");
        long receivers = redis.commands().publish(CHANNEL, "confirmed change-42");
        String confirmations = com.themepress.model.cluster.BroadcastChannels.confirmations(CHANNEL, "change-42");
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(2)).until(() -> redis.commands().llen(confirmations) >= receivers);

        assertThat(receivers).isEqualTo(1);
        assertThat(renderer.get("/api/widgets/confirmed/card").body()).as("the first request after the confirmation").contains("v1.1.0");
        assertThat(redis.commands().ttl(confirmations)).as("confirmations expire").isPositive();
    }

    @Test
    void whenTheAddonFailsTheLastGoodRenderIsServedMarkedStale() {
        upstreams.addon("flaky", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        HttpResponse<String> good = renderer.get("/api/widgets/flaky/card");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("X-Widget-Stale")).isEmpty();

        upstreams.down("flaky", true);
        clock.advance(Duration.ofMinutes(6)); // L1 expired
        redis.commands().keys("themepress:widget:r:flaky:*").forEach(k -> redis.commands().del(k)); // L2 expired
        HttpResponse<String> stale = renderer.get("/api/widgets/flaky/card");
        HttpResponse<String> nothingGood = renderer.get("/api/widgets/flaky/card?config=%7B%22title%22%3A%22new%22%7D");
        upstreams.down("flaky", false);

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(good.body());
        assertThat(stale.headers().firstValue("X-Widget-Stale")).hasValue("true");
        assertThat(stale.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).startsWith("110 "));
        assertThat(stale.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(renderer.counter("widget.stale.served", "addon_id", "flaky", "widget_id", "card")).isEqualTo(1);
        assertThat(nothingGood.statusCode()).isEqualTo(502);
        assertThat(nothingGood.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(renderer.get("/api/widgets/flaky/card").headers().firstValue("X-Widget-Stale"))
                .as("once the addon is back, renders are fresh again").isEmpty();
    }

    @Test
    void redisSettingsTookEffect() {
        upstreams.addon("stored", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        renderer.get("/api/widgets/stored/card");

        LettuceConnectionFactory connections = renderer.bean(LettuceConnectionFactory.class);
        assertThat(connections.getPort()).isEqualTo(redis.port());
        assertThat(connections.getTimeout()).isEqualTo(500);
        List<String> fresh = redis.commands().keys("themepress:widget:r:stored:1.0.0:card:*");
        assertThat(fresh).hasSize(1);
        assertThat(redis.commands().ttl(fresh.get(0))).isBetween(3500L, 3600L);
        List<String> good = redis.commands().keys("themepress:widget:good:stored:card:*");
        assertThat(good).hasSize(1);
        assertThat(redis.commands().ttl(good.get(0))).isGreaterThan(Duration.ofDays(6).toSeconds());
    }

    @Test
    void aMissTakesTwoRedisRoundTripsAndAnL2HitOne() {
        upstreams.addon("trips", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        renderer.get("/api/widgets/trips/card?config=%7B%22title%22%3A%22warm%22%7D"); // scripts loaded, resolution cached
        redis.commands().configSet("slowlog-log-slower-than", "0"); // every command the server runs is logged
        redis.commands().slowlogReset();
        try {
            assertThat(renderer.get("/api/widgets/trips/card").headers().firstValue("X-Widget-Cache")).hasValue("MISS");
            List<List<String>> missTrips = roundTripsAbout("trips");
            redis.commands().slowlogReset();
            clock.advance(Duration.ofMinutes(6)); // L1 expired, L2 (1 h) not
            assertThat(renderer.get("/api/widgets/trips/card").headers().firstValue("X-Widget-Cache")).hasValue("L2");
            List<List<String>> hitTrips = roundTripsAbout("trips");

            assertThat(missTrips).as("look and lock, then store and unlock").hasSize(2)
                    .allSatisfy(command -> assertThat(command.get(0)).isEqualToIgnoringCase("evalsha"));
            assertThat(hitTrips).hasSize(1);
        } finally {
            redis.commands().configSet("slowlog-log-slower-than", "10000");
        }
    }

    /** The commands a client sent that name a key of {@code addon}; the ones a script ran inside Redis have no client address. */
    @SuppressWarnings("unchecked")
    static List<List<String>> roundTripsAbout(String addon) {
        List<List<String>> sent = new ArrayList<>();
        for (Object entry : redis.commands().slowlogGet(1000)) {
            List<Object> fields = (List<Object>) entry;
            List<String> command = ((List<Object>) fields.get(3)).stream().map(String::valueOf).toList();
            boolean fromScript = String.valueOf(fields.get(4)).startsWith("?");
            if (!fromScript && command.stream().anyMatch(arg -> arg.contains(":" + addon + ":"))) {
                sent.add(command);
            }
        }
        return sent;
    }

    static long commandCalls(String commandStats) {
        return commandStats.lines().filter(l -> l.startsWith("cmdstat_"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("^cmdstat_[^:]+:calls=(\\d+),.*", "$1"))).sum();
    }

    static List<HttpResponse<String>> concurrently(String url, int count) {
        var executor = Executors.newFixedThreadPool(Math.min(count, 64));
        try {
            HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdownNow();
        }
    }
}
