package com.themepress.runtime.hostapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.sun.net.httpserver.HttpServer;
import com.themepress.runtime.sandbox.HostApiAccess;

/**
 * Listens for the host API on each sandbox network's gateway address: the host's own address on that
 * bridge, which only that network's containers (and the host) reach. It is a listener of its own, not
 * a path of the runtime's server, so nothing of the runtime's API (deployments, calls, the scrape) is
 * reachable from a container by any path, and the runtime's port stays on loopback. Bound when the
 * first container of a network is made.
 */
@Component
class HostApiServer implements HostApiAccess, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HostApiServer.class);
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HostApiProperties props;
    private final HostApiRelay relay;
    private final CallTokens tokens;
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final ExecutorService workers;

    HostApiServer(HostApiProperties props, HostApiRelay relay, CallTokens tokens) {
        this.props = props;
        this.relay = relay;
        this.tokens = tokens;
        AtomicInteger count = new AtomicInteger();
        // Bounded: a container flooding the host API waits in the queue instead of taking the runtime's memory.
        this.workers = new ThreadPoolExecutor(props.threads(), props.threads(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                runnable -> {
                    Thread thread = new Thread(runnable, "host-api-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public synchronized Optional<String> urlFor(String gatewayAddress) {
        if (!tokens.active()) {
            return Optional.empty();
        }
        HttpServer server = servers.get(gatewayAddress);
        if (server == null) {
            server = bind(gatewayAddress);
            servers.put(gatewayAddress, server);
        }
        return Optional.of("http://" + gatewayAddress + ":" + server.getAddress().getPort());
    }

    private HttpServer bind(String gatewayAddress) {
        // The JDK server leaves Nagle on unless told; with it, every answer waits for the container's
        // delayed ACK (about 40 ms a request, measured by bench/hostapi). Read once, when the first server is made.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(gatewayAddress), props.port()), 256);
            server.setExecutor(workers);
            server.createContext("/", relay);
            server.start();
            log.info("Host API listening on {}:{}", gatewayAddress, server.getAddress().getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for the host API on " + gatewayAddress + ":" + props.port(), e);
        }
    }

    @Override
    public synchronized void destroy() {
        servers.values().forEach(server -> server.stop(0));
        servers.clear();
        workers.shutdownNow();
    }
}
