package com.themepress.examples.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import tools.jackson.databind.node.ObjectNode;

import com.themepress.sdk.Call;
import com.themepress.sdk.Json;
import com.themepress.sdk.Problem;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/** TEST FIXTURE: probes of the sandbox's filesystem, network, identity and process limits. */
final class Attacks {

    static final List<String> DEFAULT_WRITE_PATHS = List.of("/etc/hacked", "/app/x", "/tmp/ok");

    /** Where {@code inspect} looks; cgroup v1 and v2 names both, whichever the host has. */
    private static final Map<String, List<String>> CGROUP_FILES = Map.of(
            "memoryLimitBytes", List.of("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory.max"),
            "pidsMax", List.of("/sys/fs/cgroup/pids/pids.max", "/sys/fs/cgroup/pids.max"),
            "cpuQuota", List.of("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu.max"));

    private final Map<String, String> env;
    private final IntConsumer exit;

    Attacks(Map<String, String> env, IntConsumer exit) {
        this.env = env;
        this.exit = exit;
    }

    Result echo(Call call) {
        return Result.ok(Json.object("data", call.data(), "instanceId", call.addon().instanceId(),
                "addonName", env.get("ADDON_NAME"), "addonVersion", env.get("ADDON_VERSION"),
                "config", call.addon().config()));
    }

    /** What the process is allowed, as the kernel reports it. */
    Result inspect(Call call) {
        ObjectNode status = Json.object();
        for (String line : readLines(Path.of("/proc/self/status"))) {
            String key = line.substring(0, Math.max(0, line.indexOf(':')));
            if (List.of("Uid", "Gid", "CapEff", "CapPrm", "CapBnd", "NoNewPrivs", "Seccomp", "Threads").contains(key)) {
                status.put(key, line.substring(key.length() + 1).trim());
            }
        }
        ObjectNode cgroup = Json.object();
        CGROUP_FILES.forEach((name, candidates) -> cgroup.put(name, firstReadable(candidates)));
        return Result.ok(Json.object("user", System.getProperty("user.name"), "proc", status, "cgroup", cgroup,
                "rootWritable", Files.isWritable(Path.of("/")), "availableProcessors", Runtime.getRuntime().availableProcessors(),
                "maxHeapBytes", Runtime.getRuntime().maxMemory()));
    }

    /** Tries each path ({@code data.paths}, else /etc/hacked, /app/x, /tmp/ok); reports which writes worked. */
    Result writeRoot(Call call) {
        List<String> paths = new ArrayList<>();
        call.field("paths").values().forEach(path -> paths.add(path.asString()));
        Map<String, String> results = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        for (String path : paths.isEmpty() ? DEFAULT_WRITE_PATHS : paths) {
            try {
                Files.writeString(Path.of(path), "written by hostile-test-addon\n");
                results.put(path, "written");
                written.add(path);
            } catch (IOException | SecurityException e) {
                results.put(path, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return Result.ok(Json.object("written", written, "results", results));
    }

    Result sleep(Call call) throws InterruptedException {
        long ms = call.integer("ms");
        if (ms < 0 || ms > 3_600_000) {
            throw new ProblemException(400, "/ms must be from 0 to 3600000");
        }
        Thread.sleep(ms);
        return Result.ok(Json.object("sleptMs", ms));
    }

    /** A TCP connect to {@code host:port}; name lookup and connect each get {@code timeoutMs} (2 s). */
    Result netOut(Call call) {
        String host = call.text("host");
        long port = call.integer("port");
        long timeoutMs = call.integer("timeoutMs", 2000);
        if (host.isBlank() || port < 1 || port > 65535 || timeoutMs < 1 || timeoutMs > 30_000) {
            throw new ProblemException(400, "/host must not be blank, /port must be 1..65535 and /timeoutMs 1..30000");
        }
        long start = System.nanoTime();
        String error = null;
        boolean connected = false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(resolve(host, timeoutMs), (int) port), (int) timeoutMs);
            connected = true;
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return Result.ok(Json.object("host", host, "port", port, "connected", connected, "error", error,
                "elapsedMs", (System.nanoTime() - start) / 1_000_000));
    }

    /** Exits the JVM with {@code data.code} (3): the platform must see a dead instance, not a hang. */
    Result crash(Call call) {
        exit.accept((int) call.integer("code", 3));
        return Result.ok(Json.object("exited", false)); // only reached when exit is faked (tests)
    }

    /** Answers the status in {@code data.status}: a problem body from 400 up, none for 204. */
    Result status(Call call) {
        long status = call.integer("status");
        if (status < 200 || status > 599) {
            throw new ProblemException(400, "/status must be from 200 to 599");
        }
        if (status == 204) {
            return Result.noContent();
        }
        if (status >= 400) {
            return Result.problem(Problem.of((int) status, "status " + status + " requested by the caller"));
        }
        return Result.status((int) status, Json.object("status", status));
    }

    /** DNS gets the same bound as the connect: an unreachable resolver must not turn 2 s into 20. */
    private static InetAddress resolve(String host, long timeoutMs) throws IOException {
        CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
        Thread resolver = new Thread(() -> {
            try {
                lookup.complete(InetAddress.getByName(host));
            } catch (IOException e) {
                lookup.completeExceptionally(e);
            }
        }, "net-out-resolver");
        resolver.setDaemon(true);
        resolver.start();
        try {
            return lookup.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("name lookup of " + host + " timed out");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static List<String> readLines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstReadable(List<String> candidates) {
        for (String candidate : candidates) {
            List<String> lines = readLines(Path.of(candidate));
            if (!lines.isEmpty()) {
                return lines.get(0).trim();
            }
        }
        return null;
    }
}
