package com.themepress.testsupport.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.themepress.testsupport.ComponentAbsent;
import com.themepress.testsupport.FreePorts;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A real redis-server process of the test's own, on a free loopback port with its data in a temp
 * directory, so a test can kill and restart it without touching anyone else's Redis. Without the
 * binary, {@link #start()} skips the test as "Component absent"; a class that starts one in
 * {@code @BeforeAll} or earlier should carry {@link RequiresRedisServer} so the skip is reported.
 */
public final class RedisServer implements AutoCloseable {

    private static final String[] USUAL_PLACES = {"/usr/bin/redis-server", "/usr/local/bin/redis-server"};

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private RedisServer(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    /** The redis-server binary on the PATH or in its usual places, or null. */
    public static Path binary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String folder : path.split(File.pathSeparator)) {
                candidates.add(Path.of(folder, "redis-server"));
            }
        }
        for (String place : USUAL_PLACES) {
            candidates.add(Path.of(place));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** A server without persistence. */
    public static RedisServer start() {
        return start(false);
    }

    /** With {@code appendOnly}, every write is fsynced to an append-only file, so a SIGKILL loses nothing acknowledged. */
    public static RedisServer start(boolean appendOnly) {
        return startOn(FreePorts.next(), appendOnly);
    }

    /** On a port the test chose, e.g. one it configured a service with before Redis was there. */
    public static RedisServer startOn(int port, boolean appendOnly) {
        ComponentAbsent.assume(binary() != null, "redis-server is not installed (apt-get install -y redis-server)");
        Path dir;
        try {
            dir = Files.createTempDirectory("themepress-redis-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RedisServer server = new RedisServer(port, dir, appendOnly);
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    public RedisURI uri() {
        return RedisURI.create("redis://127.0.0.1:" + port);
    }

    /** Starts the process (again, after {@link #kill()}: with the same port and data directory). */
    public void launch() {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(), "--daemonize", "no", "--loglevel", "warning"));
        command.addAll(appendOnly ? List.of("--appendonly", "yes", "--appendfsync", "always") : List.of("--appendonly", "no"));
        Path log = dir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        Process started = process;
        try {
            Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !started.isAlive() || answersPing());
        } catch (ConditionTimeoutException e) {
            started.destroyForcibly();
            throw new IllegalStateException("redis-server on port " + port + " did not answer; see " + log, e);
        }
        if (!started.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " exited; see " + log);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: what a crash or an OOM kill does; nothing is flushed beyond what Redis already wrote. */
    public void kill() {
        closeClient();
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Direct access for assertions, independent of the code under test; reconnects after a restart. */
    public synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            closeClient();
            client = RedisClient.create(uri());
            connection = client.connect();
        }
        return connection.sync();
    }

    private synchronized void closeClient() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }

    /** Kills the server and removes its data: nothing of it is needed after the test. */
    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
