package com.themepress.examples.hostile;

import static com.themepress.sdk.Html.escape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Render;
import com.themepress.sdk.Result;
import com.themepress.sdk.Widget;

/** TEST FIXTURE: observability hooks for the platform's event, cache and widget-scoping tests. */
final class Probes {

    private static final int KEPT_EVENTS = 1_000;

    private final AtomicLong renders = new AtomicLong();
    private final Deque<Event> events = new ArrayDeque<>();

    /** Answers with whatever event it is asked to emit, declared in the manifest or not. */
    Result emit(Call call) {
        String type = call.text("type");
        try {
            return Result.ok(Json.object("emitted", type)).emit(type, call.field("data").isMissingNode() ? null : call.field("data"));
        } catch (IllegalArgumentException badType) {
            throw new ProblemException(400, "/type: " + badType.getMessage());
        }
    }

    Result receivedEvents(Call call) {
        synchronized (events) {
            return Result.ok(Json.object("count", events.size(), "events", new ArrayList<>(events)));
        }
    }

    /** Records {@code test.*} events; refuses (500) one whose data says {@code "fail": true}. */
    void onTestEvent(Event event) {
        if (event.data().path("fail").asBoolean(false)) {
            throw new IllegalStateException("event " + event.id() + " asked to fail");
        }
        synchronized (events) {
            events.addLast(event);
            if (events.size() > KEPT_EVENTS) {
                events.removeFirst();
            }
        }
    }

    /** Counts its renders, so a cache test can tell a cached answer from a fresh one. */
    Widget probe(Render render) {
        long count = renders.incrementAndGet();
        String html = "<div class=\"tp-probe\" data-render-count=\"" + count + "\" data-instance=\""
                + escape(render.addon().instanceId()) + "\"><pre>"
                + escape(Json.write(Json.object("config", render.config(), "context", render.context()))) + "</pre></div>";
        return Widget.of(html, ".tp-probe{font-family:monospace}", "");
    }

    /** Markup, style and script that try to leave the widget; the fragment form must contain them. */
    Widget escapeAttempt(Render render) {
        String html = """
                <p class="tp-escape">escape attempt</p></div></section></main></body>
                <script>window.__tpEscaped = true; document.title = 'escaped';</script>
                <style>body { display: none !important; }</style>
                <img src="x" onerror="window.__tpEscaped = true">
                <a href="javascript:window.__tpEscaped = true" onclick="window.__tpEscaped = true">click</a>
                <iframe src="https://escape.invalid/"></iframe>
                <!-- unclosed: <div><div><table>
                """;
        String css = "html, body { background: red !important; } * { display: none !important; }";
        String javascript = "window.__tpEscaped = true; document.cookie = 'tp_escaped=1'; "
                + "try { window.parent.document.body.innerHTML = ''; } catch (e) { }";
        return Widget.of(html, css, javascript);
    }
}
