package com.themepress.it.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.themepress.testsupport.browser.Chromium;

import tools.jackson.databind.JsonNode;

/** The console as a user drives it: fields typed into, buttons pressed, screens waited for and kept. */
final class ConsoleDriver {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Chromium chromium;

    ConsoleDriver(Chromium chromium) {
        this.chromium = chromium;
    }

    Chromium chromium() {
        return chromium;
    }

    /** Types into the field as a keyboard would (its old text selected first, so replaced), until it holds the text. */
    void type(String selector, String text) {
        for (int attempt = 0; attempt < 3; attempt++) {
            js("(() => { const e = document.querySelector(" + quote(selector) + "); e.focus(); e.select && e.select(); return true; })()");
            if (text.isEmpty()) {
                chromium.send("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", "Backspace", "code", "Backspace",
                        "windowsVirtualKeyCode", 8));
                chromium.send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Backspace", "code", "Backspace",
                        "windowsVirtualKeyCode", 8));
            } else {
                chromium.type(text);
            }
            if (text.equals(js("document.querySelector(" + quote(selector) + ").value").asString(""))) {
                return;
            }
        }
        throw new AssertionError("could not type into " + selector);
    }

    void pressEnter() {
        chromium.send("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13,
                "text", "\r"));
        chromium.send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", "Enter", "code", "Enter", "windowsVirtualKeyCode", 13));
    }

    /** A real click in the middle of the element, scrolled into view first. */
    void click(String selector) {
        JsonNode at = awaitValue("clickable " + selector, "(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e || e.disabled) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()", v -> v.isObject());
        chromium.click(at.path("x").asDouble(), at.path("y").asDouble());
    }

    /** Picks an option of a select, as choosing it with the keyboard would: the value, then a change event. */
    void choose(String selector, String value) {
        awaitValue("option " + value + " in " + selector, "document.querySelector(" + quote(selector + " option[value=\"" + value + "\"]")
                + ") !== null", JsonNode::asBoolean);
        js("(() => { const s = document.querySelector(" + quote(selector) + "); s.value = " + quote(value)
                + "; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()");
    }

    void check(String selector) {
        if (!js("document.querySelector(" + quote(selector) + ").checked").asBoolean(false)) {
            click(selector);
        }
    }

    JsonNode js(String expression) {
        return chromium.evaluate(expression);
    }

    String text(String selector) {
        return js("(() => { const e = document.querySelector(" + quote(selector) + "); return e ? e.textContent : ''; })()").asString("");
    }

    void awaitText(String selector, Predicate<String> test, String what) {
        awaitValue(what, "(() => { const e = document.querySelector(" + quote(selector) + "); return e ? e.textContent : ''; })()",
                v -> test.test(v.asString("")));
    }

    /** Waits for the expression to pass; on a timeout the screen is kept, named after what was awaited. */
    JsonNode awaitValue(String what, String expression, Predicate<JsonNode> test) {
        try {
            return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> js(expression), test::test);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            try {
                screenshot("failed-" + what.replaceAll("[^a-zA-Z0-9]+", "-"));
            } catch (IOException | RuntimeException ignored) {
                // the timeout is what the test reports
            }
            throw e;
        }
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), chromium.screenshot());
    }

    /** Hands a local file to a file input, as the file chooser would. */
    void upload(String selector, Path file) {
        int root = chromium.send("DOM.getDocument", Map.of()).path("root").path("nodeId").asInt();
        int node = chromium.send("DOM.querySelector", Map.of("nodeId", root, "selector", selector)).path("nodeId").asInt();
        chromium.send("DOM.setFileInputFiles", Map.of("nodeId", node, "files", java.util.List.of(file.toAbsolutePath().toString())));
    }

    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
