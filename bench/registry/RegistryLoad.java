import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the registry through the gateway: registrations per second with N writers, then browse
 * latency with M readers. Bounded by request counts; talks only to the URL it is given (loopback).
 *
 * java RegistryLoad.java BASE_URL DEVELOPER_KEY [registrations=3000] [writers=8] [browses=20000] [readers=16]
 */
public class RegistryLoad {

    static final String[] CATEGORIES = {"ecommerce", "analytics", "marketing", "communication", "utilities"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int registrations = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int browses = args.length > 4 ? Integer.parseInt(args[4]) : 20000;
        int readers = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\]")) {
            throw new IllegalArgumentException("benchmarks talk to loopback only, not " + base);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

        // Warm-up: JIT both services on the paths measured below; not counted.
        Result warm = register(http, base, key, run + "w", 400, writers);
        browse(http, base, 2000, readers);
        System.out.printf("warm-up: %d registrations (%d failed)%n", warm.count, warm.failures);

        Result reg = register(http, base, key, run, registrations, writers);
        System.out.printf("register: %d in %.2f s with %d clients = %.0f registrations/s; latency p50 %.2f ms, p99 %.2f ms; failures %d%n",
                reg.count, reg.seconds, writers, reg.count / reg.seconds, reg.percentile(50), reg.percentile(99), reg.failures);

        Result read = browse(http, base, browses, readers);
        System.out.printf("browse:   %d GET /api/addons?category=… in %.2f s with %d clients = %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms; failures %d%n",
                read.count, read.seconds, readers, read.count / read.seconds, read.percentile(50), read.percentile(99), read.failures);
        if (reg.failures > 0 || read.failures > 0) {
            System.exit(1);
        }
    }

    static String manifest(String name, int i) {
        return """
                {"name":"%s","version":"1.0.%d","description":"Benchmark addon number %d","author":"bench",
                 "category":"%s","image":"themepress/bench:1.0.0",
                 "widgets":[{"name":"banner","configSchema":{"type":"object","properties":{"text":{"type":"string","default":"hi"},
                   "size":{"type":"integer","minimum":1,"maximum":5,"default":2}}}},"footer"],
                 "endpoints":["track","report"],"events":{"publishes":["bench.tracked"]},
                 "permissions":["events.publish","storage.read"],"resources":{"memoryMb":128}}
                """.formatted(name, i % 7, i, CATEGORIES[i % CATEGORIES.length]);
    }

    static Result register(HttpClient http, String base, String key, String run, int total, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return load(clients, total, () -> {
            int i = next.getAndIncrement();
            String name = "bench-" + run + "-" + i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/addons/register"))
                    .header("Content-Type", "application/json").header("X-API-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(manifest(name, i))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
        });
    }

    static Result browse(HttpClient http, String base, int total, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return load(clients, total, () -> {
            int i = next.getAndIncrement();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/addons?category=" + CATEGORIES[i % CATEGORIES.length] + "&page=" + (i % 3) + "&size=20")).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    interface Call {
        boolean run() throws Exception;
    }

    static Result load(int clients, int total, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger failures = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[total];
                int n = 0;
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    if (!call.run()) {
                        failures.incrementAndGet();
                    }
                    samples[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long s : f.get()) {
                all.add(s);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length, seconds, sorted, failures.get());
    }

    record Result(int count, double seconds, long[] sortedNanos, int failures) {
        double percentile(int p) {
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }
}
