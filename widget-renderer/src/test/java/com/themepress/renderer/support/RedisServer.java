package com.themepress.renderer.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A redis-server of the test's own, on a free loopback port, without persistence; stopped by
 * {@link #close()}. When Debian's redis-server is not installed the test is skipped as
 * "Component absent", the one kind of skip the test command accepts.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = RedisClient.create("redis://127.0.0.1:" + port);
        this.connection = client.connect();
    }

    public static RedisServer start() {
        String binary = binary();
        Assumptions.assumeTrue(binary != null, "Component absent: redis-server is not installed (apt-get install -y redis-server)");
        int port = freePort();
        try {
            Path dir = Files.createTempDirectory("renderer-redis-");
            Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            try {
                org.awaitility.Awaitility.await("redis-server on " + port).atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> !process.isAlive() || listening(port));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                process.destroyForcibly();
                throw e;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            return new RedisServer(process, port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Direct commands, as a test checks what the renderer wrote. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
