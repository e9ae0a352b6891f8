import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * The WASM tier beside the container tier, in one run of one runtime (run through bench/wasm/run.sh):
 *
 * <pre>java -cp CHICORY bench/wasm/WasmBench.java RUNTIME_JAR IMAGE MODULE</pre>
 *
 * 1. cold start: PUT of a new version until it is ready (the runtime's answer), a module (parse,
 *    instantiate, health) against a container (create, start, first healthy /health)
 * 2. warm calls: sequential echo calls interleaved, through the runtime to the module, through the
 *    runtime to the container, and straight to the container; p50/p99
 * 3. the module's own time per echo call in this JVM on Chicory (the work without the runtime), so
 *    the runtime's overhead per WASM call is (2) less (3)
 */
public class WasmBench {

    static final List<String> JVM_FLAGS = List.of(System.getenv().getOrDefault("RUNTIME_JVM_OPTS",
            "-XX:+UseSerialGC -Xmx128m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m").trim().split("\\s+"));
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18390"));
    static final int MODULE_PORT = Integer.parseInt(System.getenv().getOrDefault("MODULE_PORT", "18391"));
    static final int WARM_CALLS = Integer.parseInt(System.getenv().getOrDefault("WARM_CALLS", "2000"));
    static final int JIT_WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("JIT_WARMUP_SECONDS", "10"));
    static final int COLD_TRIALS = Integer.parseInt(System.getenv().getOrDefault("COLD_TRIALS", "5"));
    static final String RUNTIME_ID = "wasmbench-" + ProcessHandle.current().pid();
    static final String NETWORK = RUNTIME_ID + "-sandbox";
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    static final byte[] BODY = "{\"message\":\"hello\",\"n\":42}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String image = args[1];
        byte[] module = Files.readAllBytes(Path.of(args[2]));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module));
        com.sun.net.httpserver.HttpServer modules = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", MODULE_PORT), 16);
        modules.createContext("/internal/modules/" + sha256, exchange -> {
            exchange.sendResponseHeaders(200, module.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(module);
            }
        });
        modules.start();
        Path log = Files.createTempFile("wasm-bench", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar, "--server.port=" + PORT, "--themepress.runtime.sandbox.runtime-id=" + RUNTIME_ID,
                "--themepress.runtime.sandbox.internal-network=" + NETWORK,
                "--themepress.runtime.sandbox.outbound-network=" + RUNTIME_ID + "-outbound",
                "--themepress.runtime.wasm.module-source=http://127.0.0.1:" + MODULE_PORT, "--logging.level.root=WARN"));
        Process runtime = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitUp(runtime, log);
            System.out.printf("runtime pid %d, id %s; image %s; module %s (%d bytes); JVM %s%n", runtime.pid(), RUNTIME_ID, image,
                    sha256.substring(0, 12), module.length, JVM_FLAGS);
            String resources = "\"resources\":{\"memoryMb\":256,\"cpus\":1.0,\"timeoutMs\":10000,\"minInstances\":1,\"maxInstances\":1,"
                    + "\"concurrency\":64}";
            String wasm = "{\"module\":\"" + sha256 + "\"," + resources + "}";
            String container = "{\"image\":\"" + image + "\"," + resources + "}";

            System.out.println("\n== cold start: PUT of a new version until ready (ms) ==");
            long first = put("bench-wasm", "0.0.1", wasm);
            System.out.printf("module, first (fetch from the addon-server included): %.2f ms%n", first / 1e6);
            long[] wasmCold = new long[COLD_TRIALS];
            long[] containerCold = new long[COLD_TRIALS];
            for (int i = 0; i < COLD_TRIALS; i++) {
                wasmCold[i] = put("bench-wasm", "1.0." + i, wasm);
                containerCold[i] = put("bench-container", "1.0." + i, container);
                send("DELETE", "/runtime/deployments/bench-container/1.0." + i, null);
            }
            System.out.printf("module     p50 %8.2f ms  min %8.2f  max %8.2f  (%d trials)%n", pct(wasmCold, 50) / 1e6,
                    Arrays.stream(wasmCold).min().orElse(0) / 1e6, Arrays.stream(wasmCold).max().orElse(0) / 1e6, COLD_TRIALS);
            System.out.printf("container  p50 %8.2f ms  min %8.2f  max %8.2f%n", pct(containerCold, 50) / 1e6,
                    Arrays.stream(containerCold).min().orElse(0) / 1e6, Arrays.stream(containerCold).max().orElse(0) / 1e6);

            put("bench-container", "2.0.0", container);
            String containerId = field(send("GET", "/runtime/deployments/bench-container/2.0.0", null).body(), "containerId");
            String ip = docker("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress}}", containerId).trim();
            URI viaWasm = URI.create(BASE + "/runtime/deployments/bench-wasm/1.0.0/execute/echo");
            URI viaContainer = URI.create(BASE + "/runtime/deployments/bench-container/2.0.0/execute/echo");
            URI direct = URI.create("http://" + ip + ":3000/execute/echo");
            warm(viaWasm, viaContainer, direct);
            moduleOwnTime(module);
        } finally {
            runtime.destroy();
            runtime.waitFor();
            modules.stop(0);
            new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f;"
                    + " docker network rm " + NETWORK + " " + RUNTIME_ID + "-outbound >/dev/null 2>&1 || true").inheritIO().start().waitFor();
        }
    }

    static void warm(URI viaWasm, URI viaContainer, URI direct) throws Exception {
        long until = System.nanoTime() + JIT_WARMUP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < until) {
            call(viaWasm);
            call(viaContainer);
            call(direct);
        }
        long[] wasm = new long[WARM_CALLS];
        long[] container = new long[WARM_CALLS];
        long[] straight = new long[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++) {
            wasm[i] = call(viaWasm);
            container[i] = call(viaContainer);
            straight[i] = call(direct);
        }
        System.out.printf("%n== warm echo calls, sequential, interleaved (%d each, after %d s of warm-up) ==%n", WARM_CALLS, JIT_WARMUP_SECONDS);
        System.out.printf("runtime -> module     p50 %7.3f ms  p99 %7.3f ms%n", pct(wasm, 50) / 1e6, pct(wasm, 99) / 1e6);
        System.out.printf("runtime -> container  p50 %7.3f ms  p99 %7.3f ms%n", pct(container, 50) / 1e6, pct(container, 99) / 1e6);
        System.out.printf("direct  -> container  p50 %7.3f ms  p99 %7.3f ms%n", pct(straight, 50) / 1e6, pct(straight, 99) / 1e6);
        System.out.printf("runtime overhead on the container: p50 %.3f ms%n", (pct(container, 50) - pct(straight, 50)) / 1e6);
    }

    /** The echo call on Chicory in this JVM, as the runtime makes it, without HTTP or the runtime around it. */
    static void moduleOwnTime(byte[] bytes) {
        WasmModule module = Parser.parse(bytes);
        FunctionType json = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));
        ImportValues.Builder imports = ImportValues.builder();
        for (String name : List.of("storage_get", "storage_put")) {
            imports.addFunction(new HostFunction("themepress", name, json, (instance, args) -> {
                throw new IllegalStateException("no host API in the benchmark");
            }));
        }
        imports.addFunction(new HostFunction("env", "abort", FunctionType.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                List.of()), (instance, args) -> {
                    throw new IllegalStateException("abort");
                }));
        ImportValues values = imports.build();
        long[] instantiate = new long[Math.max(COLD_TRIALS * 10, 20)];
        Instance instance = null;
        for (int i = 0; i < instantiate.length; i++) {
            long started = System.nanoTime();
            instance = Instance.builder(module).withImportValues(values).build();
            instance.export("health").apply();
            instantiate[i] = System.nanoTime() - started;
        }
        byte[] envelope = ("{\"action\":\"echo\",\"body\":" + new String(BODY, StandardCharsets.UTF_8)
                + ",\"site\":null,\"settings\":null,\"config\":{},\"requestId\":\"0123456789abcdef0123456789abcdef\"}")
                .getBytes(StandardCharsets.UTF_8);
        long until = System.nanoTime() + JIT_WARMUP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < until) {
            echo(instance, envelope);
        }
        long[] own = new long[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++) {
            long started = System.nanoTime();
            echo(instance, envelope);
            own[i] = System.nanoTime() - started;
        }
        System.out.printf("%n== the module itself, in-process on Chicory ==%n");
        System.out.printf("instantiate + health  p50 %7.3f ms  (%d trials; module already parsed)%n", pct(instantiate, 50) / 1e6, instantiate.length);
        System.out.printf("echo call             p50 %7.3f ms  p99 %7.3f ms%n", pct(own, 50) / 1e6, pct(own, 99) / 1e6);
    }

    static void echo(Instance instance, byte[] envelope) {
        int ptr = (int) instance.export("alloc").apply(envelope.length)[0];
        instance.memory().write(ptr, envelope);
        long packed = instance.export("execute").apply(ptr, envelope.length)[0];
        int answer = (int) (packed >>> 32);
        int length = (int) packed;
        instance.memory().readBytes(answer, length);
        instance.export("dealloc").apply(ptr, envelope.length);
        instance.export("dealloc").apply(answer, length);
    }

    static long put(String name, String version, String body) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send("PUT", "/runtime/deployments/" + name + "/" + version, body);
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + name + "@" + version + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    static long call(URI uri) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return elapsed;
    }

    static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitUp(Process runtime, Path log) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
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
        throw new IllegalStateException("runtime not up after 90 s:\n" + Files.readString(log));
    }

    static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static long pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
