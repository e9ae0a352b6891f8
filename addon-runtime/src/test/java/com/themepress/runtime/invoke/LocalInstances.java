package com.themepress.runtime.invoke;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.themepress.runtime.pool.ContainerDeath;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.pool.InstanceDriver;
import com.themepress.runtime.pool.Launched;

/**
 * Instances as in-process HTTP servers on loopback that keep the addon contract, so forwarding
 * can be tested without an engine. {@code echo}, {@code status {status}}, {@code hold} (answers
 * once the test calls {@link #releaseHeld()}: a slow addon without a timed wait), {@code flood}
 * (a chunked answer that never ends, until the caller hangs up; {@link #flooded()} counts what it
 * wrote), {@code trickle} (headers at once, then a body that never completes); widgets render
 * their name; events are acknowledged with 202.
 */
public final class LocalInstances implements InstanceDriver {

    public static final String ABSENT_IMAGE = "absent/image:1";

    /** Bounds a hold the test forgot to release, so that no server thread waits forever. */
    private static final long LONGEST_HOLD_SECONDS = 30;

    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile CountDownLatch held = new CountDownLatch(1);
    private final AtomicLong flooded = new AtomicLong();
    private final AtomicInteger floodsEnded = new AtomicInteger();

    @Override
    public Launched launch(DeploymentKey key, DeploymentSpec spec, String instanceId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> handle(exchange, instanceId, spec.configJson()));
            server.start();
            String containerId = "local-" + instanceId;
            servers.put(containerId, server);
            return new Launched(containerId, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server behind the pool's back: the next call finds the port closed. */
    public void kill(String instanceId) {
        HttpServer server = servers.remove("local-" + instanceId);
        if (server != null) {
            server.stop(0);
        }
    }

    /** Lets every call held so far answer; calls to {@code hold} after this wait for the next release. */
    public void releaseHeld() {
        CountDownLatch released = held;
        held = new CountDownLatch(1);
        released.countDown();
    }

    /** Bytes written by {@code flood} answers so far. */
    public long flooded() {
        return flooded.get();
    }

    /** {@code flood} answers that ended because the caller hung up. */
    public int floodsEnded() {
        return floodsEnded.get();
    }

    public int running() {
        return servers.size();
    }

    public boolean isRunning(String instanceId) {
        return servers.containsKey("local-" + instanceId);
    }

    @Override
    public CompletableFuture<Boolean> health(Launched instance, Duration timeout) {
        return http.sendAsync(HttpRequest.newBuilder(instance.baseUri().resolve("/health")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.discarding()).handle((r, e) -> e == null && r.statusCode() == 200);
    }

    @Override
    public Optional<ContainerDeath> exited(Launched instance) {
        return servers.containsKey(instance.containerId()) ? Optional.empty()
                : Optional.of(new ContainerDeath(instance.containerId(), "exited", 137));
    }

    @Override
    public void destroy(String containerId) {
        HttpServer server = servers.remove(containerId);
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public boolean imageExists(String image) {
        return !ABSENT_IMAGE.equals(image);
    }

    @Override
    public void onDeath(Consumer<ContainerDeath> listener) {
    }

    private void handle(HttpExchange exchange, String instanceId, String config) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Instance-Id", instanceId);
        if (path.equals("/execute/flood")) {
            flood(exchange);
            return;
        }
        if (path.equals("/execute/trickle")) {
            trickle(exchange);
            return;
        }
        int status = 200;
        String contentType = "application/json";
        byte[] out;
        if (path.equals("/health")) {
            out = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/execute/echo")) {
            contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            out = body;
        } else if (path.equals("/execute/config")) {
            out = config.getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/execute/status")) {
            status = Integer.parseInt(field(text, "status", "500"));
            out = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/execute/hold")) {
            boolean released = false;
            try {
                released = held.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out = ("{\"released\":" + released + "}").getBytes(StandardCharsets.UTF_8);
        } else if (path.startsWith("/widgets/") && path.endsWith("/render")) {
            String widget = path.substring("/widgets/".length(), path.length() - "/render".length());
            out = ("{\"html\":\"<p>" + widget + "</p>\",\"css\":\"\",\"javascript\":\"\"}").getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/events")) {
            status = 202;
            out = "{\"ack\":true}".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
            out = "{\"error\":\"no such endpoint\"}".getBytes(StandardCharsets.UTF_8);
        }
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private void flood(HttpExchange exchange) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try (OutputStream stream = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            while (true) {
                stream.write(chunk);
                stream.flush();
                flooded.addAndGet(chunk.length);
            }
        } catch (IOException callerHungUp) {
            floodsEnded.incrementAndGet();
        }
    }

    /** Headers at once, then one byte of body whenever the test releases held calls, until the caller hangs up. */
    private void trickle(HttpExchange exchange) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try (OutputStream stream = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            stream.write('[');
            stream.flush();
            while (held.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS)) {
                stream.write(' ');
                stream.flush();
            }
        } catch (IOException | InterruptedException callerHungUp) {
            // nothing to count: the tests only look at the caller's answer
        }
    }

    private static String field(String json, String name, String fallback) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : fallback;
    }
}
