package com.themepress.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpServer;

/**
 * A running addon: the JDK's HTTP server with the SDK's router and a bounded worker pool. In a
 * container it stops on SIGTERM (a shutdown hook) letting calls in flight finish for up to a
 * second; {@link #close()} stops it at once (JDK 17's server otherwise waits the whole grace
 * period even when idle, which would cost every test a second).
 */
public final class AddonServer implements AutoCloseable {

    private static final int BACKLOG = 128;

    private final HttpServer server;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final ExecutorService workers;
    private final AddonInfo info;
    private final Thread shutdownHook;

    private AddonServer(HttpServer server, ExecutorService workers, AddonInfo info) {
        this.server = server;
        this.workers = workers;
        this.info = info;
        this.shutdownHook = new Thread(() -> stop(1), "addon-shutdown");
    }

    static AddonServer start(Addon addon, ServerSettings settings, Map<String, String> environment) {
        AddonInfo info = AddonInfo.from(environment, addon.name(), addon.version());
        int port = settings.resolvePort(environment);
        ExecutorService workers = Workers.bounded(settings.threads(), settings.queueCapacity());
        // The JDK server leaves Nagle on; a caller that sends headers and body in two segments (the
        // JDK HttpClient does) then waits a delayed ACK, about 40 ms, on every call. Read once, when
        // the server's configuration class loads, so it must be set before the first create().
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), BACKLOG);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.setExecutor(workers);
        server.createContext("/", new Router(addon, info, settings.maxBodyBytes(), environment.get("THEMEPRESS_HOST_API")));
        server.start();
        Thread warmUp = new Thread(Json::warmUp, "addon-json-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        AddonServer running = new AddonServer(server, workers, info);
        Runtime.getRuntime().addShutdownHook(running.shutdownHook);
        Log.info("addon " + info.name() + " " + info.version() + " instance " + info.instanceId() + " listening on :"
                + running.port() + " (endpoints " + addon.endpointNames() + ", widgets " + addon.widgetNames()
                + ", up " + sinceProcessStart() + " ms after JVM start)");
        return running;
    }

    /** The port it listens on (the actual one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port}, for tests and local tools. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public AddonInfo info() {
        return info;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops the server itself
        }
        stop(0);
    }

    private void stop(int graceSeconds) {
        server.stop(graceSeconds);
        workers.shutdownNow();
    }

    private static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }
}
