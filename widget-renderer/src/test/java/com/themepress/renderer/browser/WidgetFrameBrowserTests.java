package com.themepress.renderer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.renderer.support.FakeUpstreams;
import com.themepress.renderer.support.Renderer;
import com.themepress.runtimeclient.testing.FakeRuntime.Answer;
import com.themepress.testsupport.MutableClock;
import com.themepress.testsupport.browser.Chromium;
import com.themepress.testsupport.browser.HostPage;
import com.themepress.testsupport.browser.RequiresChromium;
import com.themepress.testsupport.http.HttpFake;
import com.themepress.testsupport.http.Reply;
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 23 item 12: a widget's script must not reach the page that embeds it. A hostile widget tries
 * the ways out of the old in-page fragment ({@code this.ownerDocument}, the {@code Function}
 * constructor, {@code top.location}, {@code parent.document}, the host's cookies and
 * {@code localStorage}) and sends whatever it read to its own addon; the page holds a cookie and a
 * stored value to steal. Beside it, an ordinary widget's form must still work: it is sized to its
 * content, and its execute call goes through the bridge to a stand-in gateway behind the host page.
 */
@RequiresChromium
@RequiresRedisServer
class WidgetFrameBrowserTests {

    static final String SECRET = "s3cret";
    static final String HOSTILE_JS = """
            var self = this, found = [];
            function attempt(name, f) { try { found.push(name + '=' + String(f())); } catch (e) { found.push(name + '!' + e.name); } }
            this.setAttribute('data-ran', 'inside');
            attempt('ownerDocument', function () {
              var page = self.ownerDocument;
              page.body.setAttribute('data-owned', 'ownerDocument');
              page.defaultView.__tpEscaped = 'ownerDocument';
              page.cookie = 'tp_escaped=1; path=/';
              return page.cookie;
            });
            attempt('Function', function () {
              var page = Function('return document')();
              page.body.setAttribute('data-owned-function', 'Function');
              return page.cookie;
            });
            attempt('parent', function () {
              parent.document.body.setAttribute('data-owned-parent', 'parent');
              return parent.document.cookie + ' ' + window.parent.localStorage.getItem('host_secret');
            });
            attempt('cookie', function () { var read = document.cookie; document.cookie = 'tp_escaped=1; path=/'; return read; });
            attempt('localStorage', function () { var read = localStorage.getItem('host_secret'); localStorage.setItem('tp_escaped', '1'); return read; });
            attempt('top', function () { window.top.location.href = '#escaped-top'; return 'navigated'; });
            new Image().src = '/api/leak?found=' + encodeURIComponent(found.join('|'));
            fetch('/api/addons/hostile/execute', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ action: 'leak', data: { found: found } }) });
            """;
    static final String FORM_HTML = """
            <form class="demo" data-demo><label>Name<input name="who" required></label>
            <button type="submit">Send</button><p class="out" role="status"></p></form>
            """;
    static final String FORM_JS = """
            document.querySelectorAll('form[data-demo]').forEach(function (form) {
              form.addEventListener('submit', function (event) {
                event.preventDefault();
                fetch('/api/addons/friendly/execute', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ action: 'greet', data: { who: form.elements.who.value } })
                }).then(function (response) { return response.json(); })
                  .then(function (body) { form.querySelector('.out').textContent = body.greeting; });
              });
              form.setAttribute('data-ready', '');
            });
            """;
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static RedisServer redis;
    static FakeUpstreams upstreams;
    static Renderer renderer;
    static HttpFake gateway;
    static final Queue<String> received = new ConcurrentLinkedQueue<>();
    static final Queue<String> idempotencyKeys = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams()
                .addon("hostile", "1.0.0", "escape", "{\"type\":\"object\"}", (v, n, b) -> Answer.render("<p>hostile</p>", "", HOSTILE_JS))
                .addon("friendly", "1.0.0", "form", "{\"type\":\"object\"}",
                        (v, n, b) -> Answer.render(FORM_HTML, ".demo{min-height:320px;padding:8px;border:2px solid #0a7}", FORM_JS));
        renderer = Renderer.start(Renderer.properties(redis, upstreams), new MutableClock());
        // The gateway as the host page reaches it: records every request, greets on execute.
        gateway = HttpFake.start().route("/api/", request -> {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            received.add(request.method() + " " + request.uri() + " " + body);
            if (request.header("Idempotency-Key") != null) {
                idempotencyKeys.add(request.header("Idempotency-Key"));
            }
            if (request.uri().getPath().equals("/api/addons/friendly/execute")) {
                String who = MAPPER.readTree(body).path("data").path("who").asString();
                return Reply.body(200, "application/json", MAPPER.createObjectNode().put("greeting", "Hello " + who).toString());
            }
            return Reply.body(200, "application/json", "{}");
        });
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {gateway, renderer, upstreams, redis}) {
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
    void aWidgetScriptReachesNothingOfTheHostAndAnOrdinaryOneIsSizedAndExecutesThroughTheBridge() {
        List<String> fragments = List.of(HostPage.fragment(renderer.url() + "/api/widgets/hostile/escape"),
                HostPage.fragment(renderer.url() + "/api/widgets/friendly/form"));
        try (HostPage page = new HostPage(gateway.url(), () -> fragments); Chromium chromium = Chromium.launch()) {
            chromium.navigate(page.url() + "api/blank"); // the host's origin, without widgets
            chromium.evaluate("document.cookie = 'host_secret=" + SECRET + "; path=/'; localStorage.setItem('host_secret', '" + SECRET + "')");
            String visit = page.url() + "?visit";
            // not navigate(), which waits for the address it was given: top.location may be what changes it
            chromium.send("Page.navigate", Map.of("url", visit));
            Awaitility.await("the hostile widget reporting to its addon").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> received.stream().anyMatch(r -> r.contains("\"leak\""))
                            && "complete".equals(chromium.evaluate("document.readyState").asString("")));

            JsonNode host = chromium.evaluate("(() => ({ href: location.href, cookie: document.cookie,"
                    + " stored: localStorage.getItem('tp_escaped'), escaped: typeof window.__tpEscaped,"
                    + " owned: document.body.getAttributeNames().filter(n => n.startsWith('data-owned')) }))()");
            assertThat(host.path("owned").toString()).as("host body attributes set by the widget").isEqualTo("[]");
            assertThat(host.path("escaped").asString()).as("a host global set by the widget").isEqualTo("undefined");
            assertThat(host.path("href").asString()).as("top.location").isEqualTo(visit);
            assertThat(host.path("cookie").asString()).contains("host_secret=" + SECRET).doesNotContain("tp_escaped");
            assertThat(host.path("stored").isNull()).as("the host's localStorage untouched").isTrue();
            assertThat(received).as("what reached the gateway").noneMatch(r -> r.contains(SECRET));
            String report = received.stream().filter(r -> r.contains("\"leak\"")).findFirst().orElseThrow();
            assertThat(report).as("the widget's own report, through the bridge").startsWith("POST /api/addons/hostile/execute ")
                    .contains("ownerDocument!SecurityError", "Function!EvalError", "parent!SecurityError", "cookie!SecurityError",
                            "localStorage!SecurityError", "top!SecurityError");

            String hostile = "document.querySelector('.tp-widget-root[data-ran]') !== null";
            assertThat(chromium.evaluateInFrame(hostile, "location.origin").asString()).as("an opaque origin").isEqualTo("null");
            String friendly = "document.querySelector('form[data-ready]') !== null";
            JsonNode sizes = chromium.evaluateInFrame(friendly, "({content: document.documentElement.getBoundingClientRect().height})");
            JsonNode frame = chromium.evaluate("(() => { const f = document.querySelector('themepress-widget[data-addon=\"friendly\"]')"
                    + ".shadowRoot.querySelector('iframe'); const r = f.getBoundingClientRect();"
                    + " return {height: r.height, x: r.x, y: r.y, sandbox: f.getAttribute('sandbox')}; })()");
            assertThat(frame.path("sandbox").asString()).isEqualTo("allow-scripts allow-forms");
            assertThat(sizes.path("content").asDouble()).isGreaterThan(320);
            assertThat(frame.path("height").asDouble()).as("the frame's height follows its content")
                    .isCloseTo(Math.ceil(sizes.path("content").asDouble()), Offset.offset(1.0));

            clickInFrame(chromium, friendly, "input[name=who]");
            chromium.type("Ada");
            clickInFrame(chromium, friendly, "button");
            Awaitility.await("the greeting shown in the widget").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> chromium.evaluateInFrame(friendly, "document.querySelector('.out').textContent").asString(""),
                            "Hello Ada"::equals);
            assertThat(received).anyMatch(r -> r.startsWith("POST /api/addons/friendly/execute ")
                    && r.endsWith("{\"action\":\"greet\",\"data\":{\"who\":\"Ada\"}}"));
            assertThat(idempotencyKeys).as("the bridge gives each call a key of its own").isNotEmpty()
                    .allMatch(k -> k.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
        }
    }

    /** A real click on an element inside a frame: the frame's place on the page plus the element's in the frame. */
    /**
     * Clicks the middle of {@code selector} inside the friendly widget's frame, with the frame's position read
     * just before: the frames above it resize as their content arrives, and on a busy machine that can be after
     * the test first measured it (a click at the old place missed the field, and the typing went nowhere).
     */
    static void clickInFrame(Chromium chromium, String frameTest, String selector) {
        JsonNode frame = chromium.evaluate("(() => { const r = document.querySelector('themepress-widget[data-addon=\"friendly\"]')"
                + ".shadowRoot.querySelector('iframe').getBoundingClientRect(); return {x: r.x, y: r.y}; })()");
        JsonNode at = chromium.evaluateInFrame(frameTest, "(() => { const r = document.querySelector('" + selector
                + "').getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        chromium.click(frame.path("x").asDouble() + at.path("x").asDouble(), frame.path("y").asDouble() + at.path("y").asDouble());
    }
}
