package com.themepress.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.testsupport.browser.Chromium;
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.http.Request;

import tools.jackson.databind.JsonNode;

/**
 * Headless Chromium, two pages on two origins calling the gateway from their scripts with a site's
 * publishable key: the page from the site's origin shows the widget and gets the public endpoint's
 * answer; the page from another origin gets neither, and nothing of its calls reaches a service. The
 * services behind are stand-ins that check what the real ones check (key and origin); the CORS decision
 * under test is the gateway's alone.
 */
@RequiresChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.rate-limit.enabled=false")
class CorsBrowserTests {

    static final String PUBLISHABLE = "pk_shop_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final HttpFake SITE_PAGE = HttpFake.start().route("/", request -> page());
    static final HttpFake OTHER_PAGE = HttpFake.start().route("/", request -> page());
    static final HttpFake SERVICES = HttpFake.start()
            .route("/internal/sites/origins", request -> Reply.json(200, "{\"origins\":[\"" + SITE_PAGE.url() + "\"]}"))
            .route("/api/widgets/", CorsBrowserTests::widget)
            .route("/api/addons/", CorsBrowserTests::execute);
    static int gatewayPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("themepress.services.addon-server", SERVICES::url);
        registry.add("themepress.services.widget-renderer", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        for (HttpFake fake : List.of(SITE_PAGE, OTHER_PAGE, SERVICES)) {
            fake.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    AllowedOrigins origins;

    static Reply widget(Request request) {
        SEEN.add(request.method() + " " + request.path() + " from " + request.header("Origin"));
        return Reply.body(200, "text/html; charset=utf-8", "<div id=\"tp-card\">Card for shop</div>");
    }

    /** As the addon-server decides for a publishable key: the key, and an Origin among the site's. */
    static Reply execute(Request request) {
        SEEN.add(request.method() + " " + request.path() + " from " + request.header("Origin"));
        if (!PUBLISHABLE.equals(request.header("X-API-Key")) || !SITE_PAGE.url().equals(request.header("Origin"))) {
            return Reply.problem(403, "{\"type\":\"https://themepress.dev/problems/forbidden\",\"status\":403}");
        }
        return Reply.json(200, "{\"result\":{\"message\":\"executed for " + request.text().length() + " bytes\"}}");
    }

    /** A site's page whose script renders a widget and calls a public endpoint, straight at the gateway. */
    static Reply page() {
        String api = "http://127.0.0.1:" + gatewayPort;
        return Reply.body(200, "text/html; charset=utf-8", """
                <!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
                <section id="slot"></section>
                <script>
                  const api = '%s', key = '%s';
                  async function run() {
                    const outcome = {};
                    try {
                      const answer = await fetch(api + '/api/widgets/shop/card?key=' + key, {headers: {Accept: 'text/html'}});
                      document.getElementById('slot').innerHTML = await answer.text();
                      outcome.widget = answer.status;
                    } catch (e) { outcome.widget = 'blocked: ' + e.name; }
                    try {
                      const answer = await fetch(api + '/api/addons/shop/execute', {method: 'POST',
                          headers: {'Content-Type': 'application/json', 'X-API-Key': key},
                          body: JSON.stringify({endpoint: 'quote', input: {amount: 5}})});
                      outcome.execute = answer.status;
                      outcome.result = (await answer.json()).result.message;
                    } catch (e) { outcome.execute = 'blocked: ' + e.name; }
                    window.__outcome = outcome;
                  }
                  run();
                </script></body></html>
                """.formatted(api, PUBLISHABLE));
    }

    JsonNode outcomeOf(Chromium chromium, HttpFake page) {
        chromium.navigate(page.url() + "/");
        Awaitility.await("the page's calls").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !chromium.evaluate("window.__outcome || null").isNull());
        return chromium.evaluate("window.__outcome");
    }

    @Test
    void aPageFromTheSitesOriginRendersTheWidgetAndExecutesAndAPageFromAnotherOriginIsBlocked() {
        gatewayPort = port;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> origins.allows(SITE_PAGE.url()));
        try (Chromium chromium = Chromium.launch()) {
            JsonNode allowed = outcomeOf(chromium, SITE_PAGE);
            String shown = chromium.evaluate("document.getElementById('tp-card') && document.getElementById('tp-card').textContent").asString("");

            assertThat(allowed.path("widget").asInt()).as(allowed.toString()).isEqualTo(200);
            assertThat(shown).isEqualTo("Card for shop");
            assertThat(allowed.path("execute").asInt()).as(allowed.toString()).isEqualTo(200);
            assertThat(allowed.path("result").asString()).startsWith("executed for");
            assertThat(SEEN).containsExactly("GET /api/widgets/shop/card from " + SITE_PAGE.url(),
                    "POST /api/addons/shop/execute from " + SITE_PAGE.url());

            SEEN.clear();
            JsonNode blocked = outcomeOf(chromium, OTHER_PAGE);

            assertThat(blocked.path("widget").asString()).as(blocked.toString()).isEqualTo("blocked: TypeError");
            assertThat(blocked.path("execute").asString()).isEqualTo("blocked: TypeError");
            assertThat(chromium.evaluate("document.getElementById('tp-card') === null").asBoolean()).isTrue();
            assertThat(SEEN).as("the gateway answered for the other origin; no service saw its calls").isEmpty();
        }
    }
}
