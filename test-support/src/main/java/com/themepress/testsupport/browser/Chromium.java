package com.themepress.testsupport.browser;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;

import com.themepress.testsupport.ComponentAbsent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client:
 * no driver, nothing downloaded. A test class that uses it carries {@link RequiresChromium}: it is
 * skipped as "Component absent" only when {@code /usr/bin/chromium} is not installed.
 *
 * <p>Frames that Chromium runs in a process of their own (cross-origin frames, and sandboxed frames
 * even from {@code srcdoc}) are not reachable from the page's script; {@link #evaluateInFrame} reaches
 * them through their own DevTools session, attached as each such frame appears.
 */
public final class Chromium implements AutoCloseable {

    public static final String BINARY = "/usr/bin/chromium";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    /** DevTools session id of every out-of-process frame now attached, in the order they appeared. */
    private final Map<String, String> frames = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    private Chromium(Process process, Path profile, WebSocket.Builder sockets, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = sockets.buildAsync(page, new Listener()).join();
    }

    public static boolean installed() {
        return new File(BINARY).canExecute();
    }

    static final String ABSENT = "chromium is not installed (apt-get install -y chromium)";

    public static Chromium launch() {
        ComponentAbsent.assume(installed(), ABSENT);
        try {
            Path profile = Files.createTempDirectory("themepress-chromium-");
            Process process = new ProcessBuilder(BINARY, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-extensions", "--hide-scrollbars", "--window-size=1000,1200", "--user-data-dir=" + profile,
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank")
                    .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
            Path portFile = profile.resolve("DevToolsActivePort");
            Awaitility.await("chromium DevTools").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asString().equals("page")) {
                    page = target.path("webSocketDebuggerUrl").asString();
                }
            }
            if (page == null) {
                throw new IllegalStateException("chromium shows no page target: " + targets);
            }
            Chromium chromium = new Chromium(process, profile, http.newWebSocketBuilder(), URI.create(page));
            chromium.send("Page.enable", Map.of());
            chromium.send("Runtime.enable", Map.of());
            chromium.send("Target.setAutoAttach", Map.of("autoAttach", true, "waitForDebuggerOnStart", false, "flatten", true));
            return chromium;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode send(String method, Map<String, ?> params) {
        return send(null, method, params);
    }

    private JsonNode send(String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        write(id, session, method, params);
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + ": " + e.getMessage(), e);
        }
    }

    /** One message out; the JDK's WebSocket refuses a send while another is still pending, so sends take turns. */
    private synchronized void write(int id, String session, String method, Map<String, ?> params) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("id", id);
        if (session != null) {
            message.put("sessionId", session);
        }
        message.put("method", method);
        message.set("params", MAPPER.valueToTree(params));
        socket.sendText(message.toString(), true).join();
    }

    /** Loads {@code url} and waits for the load to complete. */
    public void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
        Awaitility.await("page load of " + url).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "complete".equals(evaluate("document.readyState").asString("")) && evaluate("location.href").asString("").equals(url));
    }

    /** The value of a page expression (promises awaited). */
    public JsonNode evaluate(String expression) {
        return evaluate(null, expression);
    }

    /**
     * The value of {@code expression} (promises awaited) in the first out-of-process frame in which
     * {@code frameTest} is true, waiting up to 30 s for such a frame.
     */
    public JsonNode evaluateInFrame(String frameTest, String expression) {
        String[] session = new String[1];
        Awaitility.await("a frame where " + frameTest).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    List<String> sessions;
                    synchronized (frames) {
                        sessions = List.copyOf(frames.keySet());
                    }
                    for (String candidate : sessions) {
                        if (evaluate(candidate, frameTest).asBoolean(false)) {
                            session[0] = candidate;
                            return true;
                        }
                    }
                    return false;
                });
        return evaluate(session[0], expression);
    }

    private JsonNode evaluate(String session, String expression) {
        JsonNode result = send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException((session == null ? "page" : "frame") + " threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Types into the focused element as a keyboard would. */
    public void type(String text) {
        send("Input.insertText", Map.of("text", text));
    }

    /** A real mouse click at page coordinates. */
    public void click(double x, double y) {
        send("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
        send("Input.dispatchMouseEvent", Map.of("type", "mousePressed", "x", x, "y", y, "button", "left", "clickCount", 1));
        send("Input.dispatchMouseEvent", Map.of("type", "mouseReleased", "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    public byte[] screenshot() {
        return Base64.getDecoder().decode(send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
                .path("data").asString());
    }

    public List<String> console() {
        return console;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temp folder left behind: Chromium's helper processes may still be writing to it as they exit
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = MAPPER.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if ("Target.attachedToTarget".equals(message.path("method").asString())) {
                    String session = message.path("params").path("sessionId").asString();
                    frames.put(session, message.path("params").path("targetInfo").path("url").asString(""));
                    // no wait for the answer: this thread is the one that would deliver it
                    write(ids.incrementAndGet(), session, "Runtime.enable", Map.of());
                } else if ("Target.detachedFromTarget".equals(message.path("method").asString())) {
                    frames.remove(message.path("params").path("sessionId").asString());
                } else if ("Runtime.consoleAPICalled".equals(message.path("method").asString())) {
                    StringBuilder line = new StringBuilder(message.path("params").path("type").asString()).append(':');
                    message.path("params").path("args").forEach(a -> line.append(' ').append(a.path("value").asString(a.path("description").asString(""))));
                    console.add(line.toString());
                } else if ("Runtime.exceptionThrown".equals(message.path("method").asString())) {
                    console.add("exception: " + message.path("params").path("exceptionDetails"));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
