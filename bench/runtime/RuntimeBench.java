import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of addon-runtime against the same addon container called directly. Loopback and its
 * own containers only; every count and duration is bounded. Run through bench/runtime/run.sh.
 *
 * <pre>java bench/runtime/RuntimeBench.java JAR IMAGE</pre>
 *
 * 1. warm overhead: sequential echo calls, runtime and direct interleaved, p50/p99 of each
 * 2. calls/s at 1, 8 and 32 concurrent callers, runtime and direct
 * 3. cold start: first call with zero instances vs bare docker run to the first /health answer
 * 4. runtime RSS while it holds 20 instances
 *
 * The runtime runs with the JVM flags platform.sh gives it (RUNTIME_JVM_OPTS, set by run.sh from
 * scripts/lib/jvm-flags.sh), so the figures are those of what ops run.
 */
public class RuntimeBench {

    static final List<String> JVM_FLAGS = List.of(System.getenv().getOrDefault("RUNTIME_JVM_OPTS",
            "-XX:+UseSerialGC -Xmx128m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m").trim().split("\\s+"));
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18190"));
    static final int WARM_CALLS = Integer.parseInt(System.getenv().getOrDefault("WARM_CALLS", "2000"));
    static final int LOAD_SECONDS = Integer.parseInt(System.getenv().getOrDefault("LOAD_SECONDS", "3"));
    static final int LOAD_ROUNDS = Integer.parseInt(System.getenv().getOrDefault("LOAD_ROUNDS", "3"));
    static final int JIT_WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("JIT_WARMUP_SECONDS", "10"));
    static final int COLD_TRIALS = Integer.parseInt(System.getenv().getOrDefault("COLD_TRIALS", "5"));
    static final int RSS_INSTANCES = Integer.parseInt(System.getenv().getOrDefault("RSS_INSTANCES", "20"));
    /** The cold start's container size: the fast Node.js image is measured at 96 MB and 0.25 CPU. */
    static final int COLD_MEMORY_MB = Integer.parseInt(System.getenv().getOrDefault("COLD_MEMORY_MB", "256"));
    static final String COLD_CPUS = System.getenv().getOrDefault("COLD_CPUS", "0.5");
    /** Which parts run: any of warm, throughput, cold, rss. */
    static final List<String> PARTS = List.of(System.getenv().getOrDefault("PARTS", "warm,throughput,cold,rss").split(","));
    static final String RUNTIME_ID = "bench-" + ProcessHandle.current().pid();
    static final String NETWORK = RUNTIME_ID + "-sandbox";
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final byte[] BODY = "{\"message\":\"hello\",\"n\":42}".getBytes();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String image = args[1];
        Path log = Files.createTempFile("runtime-bench", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar, "--server.port=" + PORT,
                "--themepress.runtime.sandbox.runtime-id=" + RUNTIME_ID,
                "--themepress.runtime.sandbox.internal-network=" + NETWORK,
                "--themepress.runtime.sandbox.outbound-network=" + RUNTIME_ID + "-outbound",
                "--logging.level.root=WARN"));
        // e.g. RUNTIME_ARGS=--themepress.runtime.sandbox.startup-cpus=0 (the cold start without the start-up boost)
        String extra = System.getenv().getOrDefault("RUNTIME_ARGS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        Process runtime = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<String> bareContainers = new ArrayList<>();
        try {
            awaitUp(runtime, log);
            System.out.printf("runtime pid %d up, id %s, image %s, JVM %s%n", runtime.pid(), RUNTIME_ID, image, JVM_FLAGS);
            String deployment = "{\"image\":\"" + image + "\",\"resources\":{\"memoryMb\":256,\"cpus\":1.0,"
                    + "\"timeoutMs\":10000,\"minInstances\":1,\"maxInstances\":1,\"concurrency\":64}}";
            check(send("PUT", "/runtime/deployments/bench-warm/1.0.0", deployment), 201);
            String container = field(send("GET", "/runtime/deployments/bench-warm/1.0.0", null).body(), "containerId");
            String ip = docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress}}", container).trim();
            URI viaRuntime = URI.create(BASE + "/runtime/deployments/bench-warm/1.0.0/execute/echo");
            URI direct = URI.create("http://" + ip + ":3000/execute/echo");

            if (PARTS.contains("warm")) {
                warmOverhead(viaRuntime, direct);
            }
            if (PARTS.contains("throughput")) {
                throughput(viaRuntime, direct);
            }
            if (PARTS.contains("cold")) {
                coldStart(image, bareContainers);
            }
            if (PARTS.contains("rss")) {
                rss(runtime, image);
            }
        } finally {
            runtime.destroy();
            runtime.waitFor();
            for (String id : bareContainers) {
                docker("rm", "-f", id);
            }
            String left = docker("ps", "-aq", "--filter", "label=themepress.runtime=" + RUNTIME_ID).trim();
            if (!left.isEmpty()) {
                docker(concat(new String[] {"rm", "-f"}, left.split("\\s+")));
            }
            docker("network", "rm", NETWORK);
            Files.deleteIfExists(log);
        }
    }

    static void warmOverhead(URI viaRuntime, URI direct) throws Exception {
        for (int i = 0; i < 500; i++) {
            call(viaRuntime);
            call(direct);
        }
        long[] runtime = new long[WARM_CALLS];
        long[] bare = new long[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++) {
            runtime[i] = call(viaRuntime);
            bare[i] = call(direct);
        }
        Arrays.sort(runtime);
        Arrays.sort(bare);
        double r50 = ms(pct(runtime, 50)), r99 = ms(pct(runtime, 99)), d50 = ms(pct(bare, 50)), d99 = ms(pct(bare, 99));
        System.out.printf("%n[warm execute, %d sequential calls each, interleaved]%n", WARM_CALLS);
        System.out.printf("  direct   p50 %7.3f ms  p99 %7.3f ms%n", d50, d99);
        System.out.printf("  runtime  p50 %7.3f ms  p99 %7.3f ms%n", r50, r99);
        System.out.printf("  added    p50 %7.3f ms  p99 %7.3f ms   (targets < 2 ms, < 10 ms)  ratio p50 %.2fx%n",
                r50 - d50, r99 - d99, r50 / d50);
    }

    static void throughput(URI viaRuntime, URI direct) throws Exception {
        // a service runs JIT-compiled: both paths get the same untimed load first
        timed(JIT_WARMUP_SECONDS, () -> load(viaRuntime, 32));
        timed(JIT_WARMUP_SECONDS, () -> load(direct, 32));
        System.out.printf("%n[calls/s, medians of %d alternating %d s runs, after %d s of untimed load on each path]%n",
                LOAD_ROUNDS, LOAD_SECONDS, JIT_WARMUP_SECONDS);
        for (int callers : new int[] {1, 8, 32}) {
            long[] bare = new long[LOAD_ROUNDS];
            long[] runtime = new long[LOAD_ROUNDS];
            for (int round = 0; round < LOAD_ROUNDS; round++) {
                bare[round] = Math.round(load(direct, callers));
                runtime[round] = Math.round(load(viaRuntime, callers));
            }
            double b = median(bare), r = median(runtime);
            System.out.printf("  %2d callers  direct %8.0f/s  runtime %8.0f/s  ratio %.2fx%s   runs %s vs %s%n", callers, b, r,
                    r / b, callers == 32 ? " (target >= 0.5x)" : "", Arrays.toString(bare), Arrays.toString(runtime));
        }
    }

    interface Load {
        double run() throws Exception;
    }

    static void timed(int seconds, Load load) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            load.run();
        }
    }

    static double load(URI uri, int callers) throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(callers);
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        call(uri);
                        if (counting.get()) {
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                finished.countDown();
            });
            thread.setDaemon(true);
            thread.start();
        }
        Thread.sleep(1000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(LOAD_SECONDS * 1000L);
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        finished.await();
        if (failed.get() > 0) {
            System.out.printf("  (%d failed calls to %s)%n", failed.get(), uri);
        }
        return done.get() / seconds;
    }

    static void coldStart(String image, List<String> bareContainers) throws Exception {
        String deployment = "{\"image\":\"" + image + "\",\"resources\":{\"memoryMb\":" + COLD_MEMORY_MB + ",\"cpus\":" + COLD_CPUS
                + ",\"timeoutMs\":30000,\"minInstances\":0,\"maxInstances\":1,\"concurrency\":8}}";
        URI execute = URI.create(BASE + "/runtime/deployments/bench-cold/1.0.0/execute/echo");
        long[] viaRuntime = new long[COLD_TRIALS];
        long[] second = new long[COLD_TRIALS];
        long[] warm = new long[COLD_TRIALS];
        long[] bare = new long[COLD_TRIALS];
        for (int t = 0; t < COLD_TRIALS; t++) {
            check(send("PUT", "/runtime/deployments/bench-cold/1.0.0", deployment), 201);
            viaRuntime[t] = call(execute);
            second[t] = call(execute);
            long[] later = new long[20];
            for (int i = 0; i < later.length; i++) {
                later[i] = call(execute);
            }
            warm[t] = median(later);
            check(send("DELETE", "/runtime/deployments/bench-cold/1.0.0", null), 204);

            long start = System.nanoTime();
            String id = docker("run", "-d", "--network", NETWORK, "--read-only", "--tmpfs", "/tmp:rw,noexec,nosuid,size=16m",
                    "--user", "1001:1001", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--pids-limit", "128",
                    "--memory", COLD_MEMORY_MB + "m", "--memory-swap", COLD_MEMORY_MB + "m", "--cpus", COLD_CPUS,
                    "--label", "themepress.runtime=" + RUNTIME_ID,
                    "-e", "ADDON_NAME=bench-cold", "-e", "ADDON_VERSION=1.0.0", "-e", "INSTANCE_ID=bare", "-e", "ADDON_CONFIG={}",
                    image).trim();
            bareContainers.add(id);
            String ip = docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress}}", id).trim();
            URI health = URI.create("http://" + ip + ":3000/health");
            while (true) {
                try {
                    HttpResponse<Void> up = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (up.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // keep polling
                }
                Thread.sleep(20);
            }
            bare[t] = System.nanoTime() - start;
            docker("rm", "-f", id);
            bareContainers.remove(id);
        }
        double r = ms(median(viaRuntime)), b = ms(median(bare));
        System.out.printf("%n[cold start, %d trials, medians; %d MB, %s CPU]%n", COLD_TRIALS, COLD_MEMORY_MB, COLD_CPUS);
        System.out.printf("  bare docker run -> first /health   %7.0f ms   %s%n", b, Arrays.toString(toMs(bare)));
        System.out.printf("  runtime first call, 0 instances    %7.0f ms   %s%n", r, Arrays.toString(toMs(viaRuntime)));
        System.out.printf("  ratio %.2fx   (target <= 1.2x)%n", r / b);
        System.out.printf("  second call %.2f ms, warm call %.2f ms: second - warm %.2f ms (target <= 2 ms)   %s%n",
                ms(median(second)), ms(median(warm)), ms(median(second)) - ms(median(warm)), Arrays.toString(toMs(second)));
    }

    static void rss(Process runtime, String image) throws Exception {
        String deployment = "{\"image\":\"" + image + "\",\"resources\":{\"memoryMb\":96,\"cpus\":0.25,"
                + "\"timeoutMs\":30000,\"minInstances\":" + RSS_INSTANCES + ",\"maxInstances\":" + RSS_INSTANCES
                + ",\"concurrency\":8}}";
        long start = System.nanoTime();
        check(send("PUT", "/runtime/deployments/bench-rss/1.0.0", deployment), 201);
        double startup = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < RSS_INSTANCES * 20; i++) {
            check(send("POST", "/runtime/deployments/bench-rss/1.0.0/execute/echo", new String(BODY)), 200);
        }
        send("GET", "/actuator/prometheus", null);
        long rssKb = rssKb(runtime.pid());
        System.out.printf("%n[footprint]%n  runtime RSS holding %d instances: %d MB   (target <= 256 MB; %d instances warmed in %.1f s)%n",
                RSS_INSTANCES, rssKb / 1024, RSS_INSTANCES, startup);
        check(send("DELETE", "/runtime/deployments/bench-rss/1.0.0", null), 204);
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static long call(URI uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return System.nanoTime() - start;
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofMinutes(3))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static void awaitUp(Process runtime, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!runtime.isAlive()) {
                throw new IllegalStateException("runtime exited:\n" + Files.readString(log));
            }
            try {
                if (send("GET", "/actuator/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("runtime did not start:\n" + Files.readString(log));
    }

    static String docker(String... args) throws Exception {
        Process process = new ProcessBuilder(concat(new String[] {"docker"}, args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long[] toMs(long[] nanos) {
        return Arrays.stream(nanos).map(n -> n / 1_000_000).toArray();
    }
}
