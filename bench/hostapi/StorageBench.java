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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Host API storage latency from inside a container, beside direct MongoDB-wire calls from the host,
 * in one run against one store: the addon-server (embedded MongoDB-wire server unless
 * SPRING_MONGODB_URI is set) and the runtime from their jars, the hostile test addon on a site with
 * storage granted. Its {@code host-bench} endpoint times N puts and N gets through the SDK inside the
 * container; then this JVM times the same operations on the same server with the MongoDB driver.
 *
 * java -cp <mongo driver jars> bench/hostapi/StorageBench.java SERVER_JAR RUNTIME_JAR IMAGE
 */
public class StorageBench {

    static final int N = Integer.parseInt(System.getenv().getOrDefault("STORAGE_OPS", "2000"));
    static final int SIZE = Integer.parseInt(System.getenv().getOrDefault("DOC_BYTES", "200"));
    static final int SERVER_PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_SERVER_PORT", "18291"));
    static final int RUNTIME_PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNTIME_PORT", "18292"));
    static final int REDIS_PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_REDIS_PORT", "18293"));
    static final String ADMIN = "bench-admin-" + UUID.randomUUID();
    static final String TOKEN_KEY = "bench-token-" + UUID.randomUUID();
    static final String RUNTIME_ID = "bench-storage-" + ProcessHandle.current().pid();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("storage-bench-");
        List<Process> services = new ArrayList<>();
        try {
            Path serverLog = work.resolve("addon-server.log");
            // a Redis of its own: the addon-server's health (and its event bus) needs one; nothing is kept
            services.add(new ProcessBuilder("redis-server", "--port", String.valueOf(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(work.resolve("redis.log").toFile()).start());
            services.add(start(args[0], SERVER_PORT, serverLog, "--spring.data.redis.port=" + REDIS_PORT, "--themepress.storage.data-dir=" + work.resolve("data"),
                    "--themepress.keys.admin-key=" + ADMIN, "--themepress.runtime-client.url=http://127.0.0.1:" + RUNTIME_PORT,
                    "--themepress.host-api.token-key=" + TOKEN_KEY,
                    // the test fixture is a platform-internal image everywhere else; here it is the addon measured
                    "--themepress.images.internal=themepress/jre-base"));
            services.add(start(args[1], RUNTIME_PORT, work.resolve("addon-runtime.log"), "--themepress.runtime.sandbox.runtime-id=" + RUNTIME_ID,
                    "--themepress.runtime.sandbox.internal-network=" + RUNTIME_ID + "-sandbox",
                    "--themepress.runtime.sandbox.outbound-network=" + RUNTIME_ID + "-outbound",
                    "--themepress.host-api.token-key=" + TOKEN_KEY, "--themepress.runtime.host-api.addon-server=http://127.0.0.1:" + SERVER_PORT));
            awaitHealthy(SERVER_PORT);
            awaitHealthy(RUNTIME_PORT);
            String secret = setUp(args[2]);
            run(secret, Math.min(N, 200)); // warm both JVMs' paths and the container's
            Document inside = run(secret, N);
            String mongoUri = System.getenv().getOrDefault("SPRING_MONGODB_URI", embeddedUri(serverLog));
            long[][] direct = direct(mongoUri, Math.min(N, 200));
            direct = direct(mongoUri, N);
            Document put = inside.get("put", Document.class);
            Document get = inside.get("get", Document.class);
            System.out.printf("%nstorage latency, %d ops of a %d-byte document, same store%n", N, SIZE);
            System.out.printf("%-34s %10s %10s%n", "", "p50 (µs)", "p99 (µs)");
            System.out.printf("%-34s %10d %10d%n", "put, host API from the container", put.get("p50Micros", Number.class).longValue(),
                    put.get("p99Micros", Number.class).longValue());
            System.out.printf("%-34s %10d %10d%n", "put, MongoDB wire from the host", p(direct[0], 50), p(direct[0], 99));
            System.out.printf("%-34s %10d %10d%n", "get, host API from the container", get.get("p50Micros", Number.class).longValue(),
                    get.get("p99Micros", Number.class).longValue());
            System.out.printf("%-34s %10d %10d%n", "get, MongoDB wire from the host", p(direct[1], 50), p(direct[1], 99));
        } finally {
            for (Process service : services) {
                service.destroy();
            }
            for (Process service : services) {
                service.waitFor();
            }
            new ProcessBuilder("sh", "-c", "docker ps -aq --filter label=themepress.runtime=" + RUNTIME_ID + " | xargs -r docker rm -f; "
                    + "docker network rm " + RUNTIME_ID + "-sandbox " + RUNTIME_ID + "-outbound >/dev/null 2>&1; "
                    + (System.getenv("BENCH_KEEP") == null ? "rm -rf " + work : "echo logs kept in " + work)).inheritIO().start().waitFor();
        }
    }

    static Process start(String jar, int port, Path log, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar, "--server.port=" + port));
        command.addAll(Arrays.asList(properties));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitHealthy(int port) throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no healthy service on port " + port + " (its log is in the bench's temporary folder)");
    }

    /** Registers the hostile test addon (a long timeout, the image measured), a site, and installs it with storage granted. */
    static String setUp(String image) throws Exception {
        String developer = Document.parse(post("/api/keys", "{\"developer\":\"bench\"}", ADMIN)).getString("key");
        Document manifest = Document.parse(Files.readString(Path.of("examples/hostile-test-addon/manifest.json")));
        manifest.put("image", image);
        manifest.get("resources", Document.class).put("timeoutMs", 120_000);
        manifest.remove("widgets");
        post("/api/addons/register", manifest.toJson(), developer);
        String secret = Document.parse(post("/api/sites", "{\"id\":\"bench\",\"name\":\"Bench\",\"origins\":[]}", ADMIN))
                .get("keys", Document.class).getString("secret");
        post("/api/sites/bench/addons", "{\"addon\":\"hostile-test-addon\",\"grant\":[\"storage.read\",\"storage.write\"]}", secret);
        return secret;
    }

    static Document run(String secret, int n) throws Exception {
        return Document.parse(post("/api/addons/hostile-test-addon/execute", "{\"action\":\"host-bench\",\"data\":{\"n\":" + n + ",\"size\":" + SIZE
                + "}}", secret));
    }

    static long[][] direct(String uri, int n) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection = client.getDatabase("themepress").getCollection("bench_direct");
            long[] puts = new long[n];
            long[] gets = new long[n];
            String text = "x".repeat(SIZE);
            for (int i = 0; i < n; i++) {
                String id = "k" + (i % 100);
                long start = System.nanoTime();
                collection.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("i", i).append("text", text),
                        new ReplaceOptions().upsert(true));
                long middle = System.nanoTime();
                collection.find(Filters.eq("_id", id)).first();
                gets[i] = System.nanoTime() - middle;
                puts[i] = middle - start;
            }
            collection.drop();
            return new long[][] {puts, gets};
        }
    }

    static String embeddedUri(Path serverLog) throws IOException {
        Matcher address = Pattern.compile("embedded MongoDB-wire server on /?([0-9.]+):([0-9]+)").matcher(Files.readString(serverLog));
        if (!address.find()) {
            throw new IllegalStateException("the addon-server log names no embedded MongoDB-wire address; set SPRING_MONGODB_URI");
        }
        return "mongodb://" + address.group(1) + ":" + address.group(2);
    }

    static long p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * percentile / 100.0))] / 1000;
    }

    static String post(String path, String body, String key) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER_PORT + path))
                .timeout(Duration.ofMinutes(3)).header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
