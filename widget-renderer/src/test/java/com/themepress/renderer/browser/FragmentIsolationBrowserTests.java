package com.themepress.renderer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
import com.themepress.testsupport.redis.RedisServer;
import com.themepress.testsupport.redis.RequiresRedisServer;

import tools.jackson.databind.JsonNode;

/**
 * The in-page fragment's isolation in a real browser, without Docker: a widget that tries every way
 * out we know of (markup, handlers, URLs, page-level and host selectors, overlays, globals, timers
 * with code strings, navigation) sits on a host page next to an ordinary widget whose script must
 * still work. Both addons are granted in-page script here, so their script runs in the page, scoped
 * (which is what a widget without script and a granted addon get); {@link WidgetFrameBrowserTests}
 * covers the default, the sandboxed frame. The addon answers come from a loopback stand-in for the
 * runtime; the chain test does the same with the real hostile-test-addon container.
 */
@RequiresChromium
@RequiresRedisServer
class FragmentIsolationBrowserTests {

    static final String HOSTILE_HTML = """
            <p class="tp-escape">escape attempt</p></div></section></main></body>
            <script>window.__tpEscaped = 'script';</script><style>body { display: none !important; }</style>
            <img src="x" onerror="window.__tpEscaped = 'onerror'">
            <a id="js-link" href="javascript:window.__tpEscaped = 'link'" onclick="window.__tpEscaped = 'onclick'">click</a>
            <form action="javascript:window.__tpEscaped = 'action'"><button id="js-submit" type="submit">go</button></form>
            <svg onload="window.__tpEscaped = 'svg'"></svg><iframe src="javascript:parent.__tpEscaped = 'iframe'"></iframe>
            <meta http-equiv="refresh" content="0;url=about:blank"><link rel="stylesheet" href="/evil.css">
            <base href="https://evil.invalid/"><!-- unclosed: <div><table>
            """;
    static final String HOSTILE_CSS = """
            @import url(/evil.css);
            html, body { background: red !important; display: none !important; }
            :root { --page: red; } :host { position: fixed !important; inset: 0; z-index: 2147483647; background: red; }
            :host-context(body) { display: none !important; } * { color: red !important; }
            .tp-escape { position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; background: red; }
            """;
    static final String HOSTILE_JS = """
            this.setAttribute('data-ran', 'inside');
            window.__tpEscaped = 'window'; self.__tpEscaped2 = 1; globalThis.__tpEscaped3 = 1;
            document.cookie = 'tp_escaped=1'; document.title = 'escaped';
            document.body.style.background = 'red';
            setTimeout("window.__tpEscaped4 = 1", 0);
            try { window.parent.document.body.innerHTML = ''; } catch (e) { }
            try { top.location = 'about:blank'; } catch (e) { }
            escapedGlobal = 1;
            """;
    static final String FORM_HTML = """
            <form class="demo" data-demo><label>Name<input name="who" required></label>
            <button type="submit">Send</button><p class="out" role="status"></p></form>
            """;
    static final String FORM_JS = """
            document.querySelectorAll('form[data-demo]').forEach(function (form) {
              form.addEventListener('submit', function (event) {
                event.preventDefault();
                form.querySelector('.out').textContent = 'Hello ' + form.elements.who.value;
              });
              form.setAttribute('data-ready', '');
            });
            """;

    static RedisServer redis;
    static FakeUpstreams upstreams;
    static Renderer renderer;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        upstreams = new FakeUpstreams()
                .addon("hostile", "1.0.0", "escape", "{\"type\":\"object\"}", (v, n, b) -> Answer.render(HOSTILE_HTML, HOSTILE_CSS, HOSTILE_JS))
                .addon("friendly", "1.0.0", "form", "{\"type\":\"object\"}", (v, n, b) -> Answer.render(FORM_HTML, ".demo{padding:8px;border:2px solid #0a7}", FORM_JS));
        java.util.Map<String, String> properties = new java.util.HashMap<>(Renderer.properties(redis, upstreams));
        properties.put("themepress.widgets.fragment.inline-script-addons", "hostile,friendly");
        renderer = Renderer.start(properties, new MutableClock());
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
    void aHostileWidgetCannotScriptOrRestyleThePageAndAFriendlyOneStillWorks() {
        List<String> fragments = List.of(HostPage.fragment(renderer.url() + "/api/widgets/hostile/escape"),
                HostPage.fragment(renderer.url() + "/api/widgets/friendly/form"));
        try (HostPage page = new HostPage(renderer.url(), () -> fragments); Chromium chromium = Chromium.launch()) {
            chromium.navigate(page.url());
            String hostile = "document.querySelector('themepress-widget[data-addon=\"hostile\"]').shadowRoot";
            chromium.evaluate("(() => { const r = " + hostile + "; r.querySelectorAll('a, button').forEach(e => e.click()); })()");
            chromium.evaluate("new Promise(done => setTimeout(done, 100))");

            JsonNode state = chromium.evaluate("(() => ({"
                    + " escaped: [window.__tpEscaped, window.__tpEscaped2, window.__tpEscaped3, window.__tpEscaped4, window.escapedGlobal].map(v => typeof v),"
                    + " title: document.title, href: location.href, cookie: document.cookie,"
                    + " background: getComputedStyle(document.body).backgroundColor, display: getComputedStyle(document.body).display,"
                    + " titleColor: getComputedStyle(document.getElementById('host-title')).color,"
                    + " atTitle: document.elementFromPoint(30, 30).id,"
                    + " footer: document.getElementById('host-footer').offsetHeight > 0,"
                    + " ranInside: " + hostile + ".querySelector('.tp-widget-root').getAttribute('data-ran'),"
                    + " markup: " + hostile + ".querySelectorAll('script, iframe, svg, meta, link, base, [onerror], [onclick], [href^=\"javascript\"], [action^=\"javascript\"]').length"
                    + "}))()");
            assertThat(state.path("escaped").toString()).isEqualTo("[\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\"]");
            assertThat(state.path("title").asString()).isEqualTo("Host page");
            assertThat(state.path("href").asString()).isEqualTo(page.url());
            assertThat(state.path("cookie").asString()).isEmpty();
            assertThat(state.path("background").asString()).isEqualTo(HostPage.PAGE_BACKGROUND);
            assertThat(state.path("display").asString()).isEqualTo("block");
            assertThat(state.path("titleColor").asString()).as("the page's h1 colour").isEqualTo("rgb(139, 0, 0)");
            assertThat(state.path("atTitle").asString()).as("no overlay covers the page").isEqualTo("host-title");
            assertThat(state.path("footer").asBoolean()).isTrue();
            assertThat(state.path("ranInside").asString()).as("the widget's script ran, inside its root").isEqualTo("inside");
            assertThat(state.path("markup").asInt()).isZero();

            String form = "document.querySelector('themepress-widget[data-addon=\"friendly\"]').shadowRoot.querySelector('form')";
            assertThat(chromium.evaluate(form + ".hasAttribute('data-ready')").asBoolean()).isTrue();
            assertThat(chromium.evaluate("getComputedStyle(" + form + ").display").asString()).isEqualTo("block");
            chromium.evaluate(form + ".querySelector('input').focus()");
            chromium.type("Ada");
            JsonNode button = chromium.evaluate("(() => { const r = " + form + ".querySelector('button').getBoundingClientRect();"
                    + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
            chromium.click(button.path("x").asDouble(), button.path("y").asDouble());
            assertThat(chromium.evaluate(form + ".querySelector('.out').textContent").asString()).isEqualTo("Hello Ada");
        }
    }
}
