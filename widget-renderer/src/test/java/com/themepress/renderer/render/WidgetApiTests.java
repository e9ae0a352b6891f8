package com.themepress.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/** The widget endpoint's contract: validation, errors, context, representations, ETags, metrics. */
@RequiresRedisServer
class WidgetApiTests {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static RedisServer redis;
    static FakeUpstreams upstreams;
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams()
                .addon("shop", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting())
                .addon("tiny", "1.0.0", "w", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting())
                .addon("picky", "2.0.0", "card", FakeUpstreams.CARD_SCHEMA, (version, count, body) ->
                        new Answer(422, "application/problem+json", "{\"status\":422,\"detail\":\"no products yet\"}", true))
                .addon("broken", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, (version, count, body) ->
                        new Answer(200, "application/json", "{\"html\":42}", true));
        renderer = Renderer.start(Renderer.properties(redis, upstreams), new MutableClock());
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

    static String config(String json) {
        return "?config=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }

    static List<String> pointers(HttpResponse<String> response) {
        List<String> pointers = new ArrayList<>();
        json(response).path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
        return pointers;
    }

    @Test
    void rendersWithSchemaDefaultsAndPassesTheContext() {
        HttpResponse<String> response = renderer.get("/api/widgets/shop/card?site=site-7",
                "Accept-Language", "de-DE,de;q=0.9", "X-User-Id", "u-1", "X-Session-Id", "s-1", "X-Request-Id", "r-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.path("html").asString()).contains("<h3>Hello</h3>").contains("de-DE");
        assertThat(body.path("css").asString()).contains(".card{color:#123456;}");
        assertThat(body.path("javascript").asString()).isEqualTo("root.dataset.ran='yes';");
        JsonNode sent = upstreams.renderBodies().stream()
                .filter(b -> b.path("context").path("site").asString("").equals("site-7")).findFirst().orElseThrow();
        assertThat(sent.path("config").toString()).isEqualTo("{\"title\":\"Hello\",\"columns\":3}");
        assertThat(sent.path("context").path("locale").asString()).isEqualTo("de-DE");
        // a public widget (the default) is shared, so it is not told who asks (cache/CacheScopeTests has the other scopes)
        assertThat(sent.path("context").has("user")).isFalse();
        assertThat(sent.path("context").has("session")).isFalse();
        assertThat(sent.path("context").path("requestId").asString()).isEqualTo("r-1");
        assertThat(sent.path("context").path("apiBase").asString()).isEqualTo("/api");
    }

    @Test
    void aPagesPublishableKeyNamesTheSiteLikeTheSiteParameter() {
        HttpResponse<String> byKey = renderer.get("/api/widgets/shop/card?key=pk_site-8_0123abcd");
        HttpResponse<String> secret = renderer.get("/api/widgets/shop/card?key=sk_site-8_0123abcd");
        HttpResponse<String> mismatch = renderer.get("/api/widgets/shop/card?site=site-9&key=pk_site-8_0123abcd");

        assertThat(byKey.statusCode()).isEqualTo(200);
        assertThat(upstreams.renderBodies()).anyMatch(b -> b.path("context").path("site").asString("").equals("site-8"));
        assertThat(secret.statusCode()).as("a secret key never belongs in a page's URL").isEqualTo(400);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("errors").get(0).path("pointer").asString()).isEqualTo("/site");
    }

    /** A site renders the version it installed, while a page of no site gets the current one. */
    @Test
    void aSiteRendersTheVersionItInstalled() {
        upstreams.addon("pinned", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        upstreams.addon("pinned", "2.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting());
        upstreams.installOn("old-site", "pinned", "1.0.0");

        HttpResponse<String> site = renderer.get("/api/widgets/pinned/card?site=old-site");
        HttpResponse<String> none = renderer.get("/api/widgets/pinned/card");
        HttpResponse<String> siteAgain = renderer.get("/api/widgets/pinned/card?site=old-site");

        assertThat(json(site).path("html").asString()).contains("v1.0.0");
        assertThat(json(none).path("html").asString()).contains("v2.0.0");
        assertThat(json(siteAgain).path("html").asString()).contains("v1.0.0");
    }

    /** A site without the addon gets 404, remembered briefly; installing it (the addon-server's notice) makes it render at once. */
    @Test
    void aWidgetOfAnAddonNotInstalledOnTheSiteIs404WithoutALookupEachTime() {
        upstreams.addon("uninstalled", "1.0.0", "card", FakeUpstreams.CARD_SCHEMA, FakeUpstreams.counting())
                .notInstalledOn("bare-site", "uninstalled", true);
        String path = "/api/widgets/uninstalled/card?site=bare-site";
        assertThat(renderer.get(path).statusCode()).isEqualTo(404);
        int resolutions = upstreams.resolutions();

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> again = renderer.get(path);
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(json(again).path("detail").asString()).contains("not installed");
        }
        assertThat(upstreams.resolutions()).isEqualTo(resolutions);

        upstreams.notInstalledOn("bare-site", "uninstalled", false);
        redis.commands().publish(com.themepress.model.cluster.BroadcastChannels.REGISTRY_CHANGES, "uninstalled");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).until(() -> renderer.get(path).statusCode() == 200);
    }

    /** Issue 15: naming the site must not cost a lookup per request; an L1 hit touches no upstream. */
    @Test
    void repeatedRequestsForASiteAreL1HitsWithoutAnotherResolution() {
        String path = "/api/widgets/shop/card?site=site-l1";
        renderer.get(path);
        int resolutions = upstreams.resolutions();

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> hit = renderer.get(path);
            assertThat(hit.headers().firstValue("X-Widget-Cache")).hasValue("L1");
        }

        assertThat(upstreams.resolutions()).isEqualTo(resolutions);
    }

    @Test
    void sessionAndUserStayOutOfTheCacheKeyButLocaleAndConfigDoNot() {
        String path = "/api/widgets/shop/card?site=keying";
        int before = upstreams.renders("shop", "1.0.0", "card");
        renderer.get(path, "X-Session-Id", "a", "Accept-Language", "en");
        renderer.get(path, "X-Session-Id", "b", "X-User-Id", "someone", "Accept-Language", "en-US;q=1");
        assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(before + 2); // en and en-US

        renderer.get(path, "X-Session-Id", "c", "Accept-Language", "en");
        renderer.get(path + "&locale=en");
        assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(before + 2);

        renderer.get(path + "&locale=en&" + config("{\"title\":\"Hello\"}").substring(1));
        assertThat(upstreams.renders("shop", "1.0.0", "card")).as("the default spelled out is the same config").isEqualTo(before + 2);
        renderer.get(path + "&locale=en&" + config("{\"columns\":4}").substring(1));
        assertThat(upstreams.renders("shop", "1.0.0", "card")).isEqualTo(before + 3);
    }

    @Test
    void invalidConfigIs400ListingEveryPointer() {
        HttpResponse<String> response = renderer.get("/api/widgets/shop/card"
                + config("{\"title\":\"far too long for the limit\",\"columns\":9,\"colour\":\"red\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("type").asString()).isEqualTo("https://themepress.dev/problems/invalid-config");
        assertThat(pointers(response)).containsExactly("/colour", "/columns", "/title");
        assertThat(json(response).path("detail").asString()).contains("shop/card");
    }

    @Test
    void malformedConfigAndBadAddressesAre400() {
        HttpResponse<String> malformed = renderer.get("/api/widgets/shop/card" + config("{\"title\":"));
        HttpResponse<String> address = renderer.get("/api/widgets/Shop_1/card?site=%20x");
        HttpResponse<String> locale = renderer.get("/api/widgets/shop/card?locale=%2A%2A");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("type").asString()).endsWith("/malformed-json");
        assertThat(address.statusCode()).isEqualTo(400);
        assertThat(pointers(address)).containsExactly("/addon", "/site");
        assertThat(locale.statusCode()).isEqualTo(400);
        assertThat(pointers(locale)).containsExactly("/locale");
    }

    @Test
    void aWidgetWithAOneLetterNameRenders() {
        // the manifest schema's slug allows one letter; the renderer once asked for two and answered every render 400
        HttpResponse<String> response = renderer.get("/api/widgets/tiny/w");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("html").asString()).contains("<h3>Hello</h3>");
    }

    @Test
    void unknownAddonOrWidgetIs404() {
        HttpResponse<String> widget = renderer.get("/api/widgets/shop/nope");
        HttpResponse<String> addon = renderer.get("/api/widgets/ghost/card");

        assertThat(widget.statusCode()).isEqualTo(404);
        assertThat(widget.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(pointers(widget)).containsExactly("/widget");
        assertThat(addon.statusCode()).isEqualTo(404);
        assertThat(json(addon).path("type").asString()).endsWith("/addon-not-found");
        int resolutions = upstreams.resolutions();
        renderer.get("/api/widgets/ghost/card");
        assertThat(upstreams.resolutions()).as("unknown addresses are remembered briefly").isEqualTo(resolutions);
    }

    @Test
    void etagsPerRepresentationAndIfNoneMatchGives304() {
        HttpResponse<String> json = renderer.get("/api/widgets/shop/card?site=etag");
        HttpResponse<String> html = renderer.get("/api/widgets/shop/card?site=etag", "Accept", "text/html");
        String jsonTag = json.headers().firstValue("ETag").orElseThrow();
        String htmlTag = html.headers().firstValue("ETag").orElseThrow();

        assertThat(jsonTag).startsWith("\"").endsWith("-j\"");
        assertThat(htmlTag).as("the framed form's tag").endsWith("-f\"");
        assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-cache, public");
        assertThat(json.headers().allValues("Vary")).contains("Accept, Accept-Language");
        HttpResponse<String> notModified = renderer.get("/api/widgets/shop/card?site=etag", "If-None-Match", jsonTag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(jsonTag);
        assertThat(renderer.get("/api/widgets/shop/card?site=etag", "If-None-Match", htmlTag).statusCode())
                .as("the fragment's tag does not validate the JSON").isEqualTo(200);
    }

    @Test
    void acceptTextHtmlGivesOneScopedFragment() {
        HttpResponse<String> response = renderer.get("/api/widgets/shop/card?site=fragment",
                "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(response.body()).startsWith("<themepress-widget data-addon=\"shop\" data-widget=\"card\" data-version=\"1.0.0\" data-form=\"frame\">")
                .contains("<template shadowrootmode=\"open\">")
                .contains("<iframe sandbox=\"allow-scripts allow-forms\"")
                .contains(".tp-widget-root{background:red;}")
                .doesNotContain("body{background")
                .endsWith("</script></themepress-widget>");
        assertThat(renderer.get("/api/widgets/shop/card", "Accept", "image/png").statusCode()).isEqualTo(406);
        assertThat(renderer.get("/api/widgets/shop/card", "Accept", "*/*").headers().firstValue("Content-Type"))
                .hasValue("application/json");
    }

    @Test
    void anL1HitAnswersAlikeOnTheHitPathAndThroughTheController() {
        String path = "/api/widgets/shop/card?site=hit-path";
        HttpResponse<String> miss = renderer.get(path, "Accept", "text/html");
        HttpResponse<String> plain = renderer.get(path, "Accept", "text/html");
        // an Accept header that needs negotiating is left to the controller
        HttpResponse<String> negotiated = renderer.get(path, "Accept", "text/html;q=0.9, application/json;q=0.5");

        assertThat(miss.headers().firstValue("X-Widget-Cache")).hasValue("MISS");
        for (HttpResponse<String> hit : List.of(plain, negotiated)) {
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.headers().firstValue("X-Widget-Cache")).hasValue("L1");
            assertThat(hit.body()).isEqualTo(miss.body());
            for (String header : List.of("ETag", "Cache-Control", "Vary", "Content-Type", "Content-Length", "X-Widget-Version")) {
                assertThat(hit.headers().allValues(header)).as(header).isEqualTo(miss.headers().allValues(header));
            }
        }
    }

    @Test
    void plainHitsSkipSpringMvcAndItsPerRequestObservation() {
        String path = "/api/widgets/shop/card?site=skips-mvc";
        renderer.get(path);
        double before = served("/api/widgets/{addon}/{widget}");
        assertThat(renderer.get(path).headers().firstValue("X-Widget-Cache")).hasValue("L1");
        assertThat(renderer.get(path, "If-None-Match", "\"nothing\"").statusCode()).isEqualTo(200);
        assertThat(served("/api/widgets/{addon}/{widget}")).isEqualTo(before);

        renderer.get(path, "Accept", "application/json, text/html;q=0.1");
        assertThat(served("/api/widgets/{addon}/{widget}")).as("a negotiated one goes through the controller").isEqualTo(before + 1);
    }

    static double served(String uri) {
        return renderer.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("uri=\"" + uri + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aCachedRequestWithARepeatedOrInvalidParameterStillGetsItsProblem() {
        String path = "/api/widgets/shop/card?site=repeat";
        renderer.get(path);
        assertThat(renderer.get(path).headers().firstValue("X-Widget-Cache")).hasValue("L1");

        HttpResponse<String> repeated = renderer.get(path + "&site=other");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(pointers(repeated)).containsExactly("/site");
        HttpResponse<String> badLocale = renderer.get(path + "&locale=12");
        assertThat(badLocale.statusCode()).isEqualTo(400);
        assertThat(pointers(badLocale)).containsExactly("/locale");
        assertThat(renderer.get(path, "Accept", "image/png").statusCode()).isEqualTo(406);
    }

    @Test
    void theAddonsOwn4xxIsRelayedAndNotCached() {
        HttpResponse<String> first = renderer.get("/api/widgets/picky/card");
        HttpResponse<String> second = renderer.get("/api/widgets/picky/card");

        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(first.body()).contains("no products yet");
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(upstreams.renders("picky", "2.0.0", "card")).isEqualTo(2);
    }

    @Test
    void aMalformedRenderIs502() {
        HttpResponse<String> response = renderer.get("/api/widgets/broken/card");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("type").asString()).endsWith("/upstream-failed");
    }

    @Test
    void metricsUseTheSpecNamesAndBuckets() {
        renderer.get("/api/widgets/shop/card?site=metrics");
        renderer.get("/api/widgets/shop/card?site=metrics");

        String scrape = renderer.get("/actuator/prometheus").body();
        assertThat(scrape).contains("widget_render_time_seconds_bucket{addon_id=\"shop\",application=\"widget-renderer\",widget_id=\"card\",le=\"0.01\"}")
                .contains("le=\"0.05\"").contains("le=\"0.1\"").contains("le=\"0.5\"").contains("le=\"1.0\"")
                .contains("widget_cache_hits_total{application=\"widget-renderer\",tier=\"l1\"}")
                .contains("widget_cache_misses_total{application=\"widget-renderer\",tier=\"l2\"}");
    }
}
