import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's first screen (the sign-in form, rendered by its modules) in headless Chromium: after
 * warm-up loads, RUNS loads with the browser cache off (a first visit) and RUNS with it on (a return
 * visit, every file revalidated), each timed by the page's own navigation timing. Module scripts run
 * before DOMContentLoaded, so its time is when the form is on screen.
 *
 * java bench/console/FirstScreen.java URL [RUNS]
 */
public class FirstScreen {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger IDS = new AtomicInteger();
    static final ConcurrentHashMap<Integer, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path profile = Files.createTempDirectory("console-bench-");
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-extensions", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--remote-allow-origins=*", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            for (int i = 0; i < 300 && (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2); i++) {
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            String list = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher page = Pattern.compile("\"type\":\\s*\"page\"[\\s\\S]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"").matcher(list);
            if (!page.find()) {
                throw new IllegalStateException("no page target: " + list);
            }
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(page.group(1)), new Listener()).join();
            send(socket, "Page.enable", "{}");
            send(socket, "Network.enable", "{}");
            for (int i = 0; i < 5; i++) {
                load(socket, url);
            }
            send(socket, "Network.setCacheDisabled", "{\"cacheDisabled\":true}");
            report("first visit (cache off)", measure(socket, url, runs));
            send(socket, "Network.setCacheDisabled", "{\"cacheDisabled\":false}");
            report("return visit (revalidated)", measure(socket, url, runs));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } finally {
            chromium.destroy();
            chromium.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static List<double[]> measure(WebSocket socket, String url, int runs) throws Exception {
        List<double[]> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(load(socket, url));
        }
        return times;
    }

    /** Loads the page afresh; answers {DOMContentLoaded, load} in milliseconds since navigation start. */
    static double[] load(WebSocket socket, String url) throws Exception {
        String token = "?n=" + System.nanoTime();
        send(socket, "Page.navigate", "{\"url\":\"" + url + token + "\"}");
        // only the new document's timing: the old one may still answer right after the navigation starts
        String expression = "new Promise(r => { const done = () => { const n = performance.getEntriesByType('navigation')[0];"
                + " if (location.search === '" + token + "' && n && n.loadEventEnd > 0 && document.querySelector('#api-key'))"
                + " r(n.domContentLoadedEventEnd + ',' + n.loadEventEnd);"
                + " else setTimeout(done, 5); }; done(); })";
        for (int attempt = 0; attempt < 100; attempt++) {
            String reply = send(socket, "Runtime.evaluate", "{\"expression\":\"" + expression.replace("\"", "\\\"")
                    + "\",\"awaitPromise\":true,\"returnByValue\":true}");
            Matcher value = Pattern.compile("\"value\":\"([0-9.]+),([0-9.]+)\"").matcher(reply);
            if (value.find()) {
                return new double[] {Double.parseDouble(value.group(1)), Double.parseDouble(value.group(2))};
            }
            Thread.sleep(20); // the old document answered, or the new one is not there yet
        }
        throw new IllegalStateException("the sign-in form never showed at " + url);
    }

    static void report(String what, List<double[]> times) {
        List<Double> dcl = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        times.forEach(t -> { dcl.add(t[0]); load.add(t[1]); });
        Collections.sort(dcl);
        Collections.sort(load);
        System.out.printf("%-28s runs %d  form shown (DOMContentLoaded) p50 %.0f ms, max %.0f ms;  load p50 %.0f ms, max %.0f ms%n",
                what, times.size(), dcl.get(dcl.size() / 2), dcl.get(dcl.size() - 1), load.get(load.size() / 2), load.get(load.size() - 1));
    }

    static String send(WebSocket socket, String method, String params) throws Exception {
        int id = IDS.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        PENDING.put(id, answer);
        synchronized (FirstScreen.class) {
            socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
        }
        return answer.get(30, TimeUnit.SECONDS);
    }

    static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                Matcher id = Pattern.compile("^\\{\"id\":(\\d+),").matcher(message);
                if (id.find()) {
                    CompletableFuture<String> answer = PENDING.remove(Integer.parseInt(id.group(1)));
                    if (answer != null) {
                        answer.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
