import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Event bus load: starts the addon-server jar on a given Redis with a loopback stand-in for the
 * addon-runtime (it acknowledges every delivery and records when it arrived), then measures
 *   1. publishing through POST /api/events with N clients, delivered end to end to 1 subscriber,
 *      one event per request and then in batches (-Dbatch, 10);
 *   2. the same with 3 subscribers, one event per request;
 *   3. delivery alone: a held-back backlog drained by 1 subscriber;
 *   4. publish -> subscriber latency at a fixed 500 events/s, to one subscriber.
 * Every published id must arrive at every subscriber (duplicates are counted, not lost).
 * Talks to loopback only.
 *
 * java EventBusLoad.java ADDON_SERVER_JAR REDIS_PORT [events=50000] [clients=16] [rateEvents=10000]
 */
public class EventBusLoad {

    static final String ADMIN = "bench-admin-key";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern SENT = Pattern.compile("\"sent\":(\\d+)");

    /** addon -> event id -> deliveries */
    static final Map<String, Map<String, AtomicInteger>> received = new ConcurrentHashMap<>();
    static final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    static final AtomicLong lastDelivery = new AtomicLong();
    static final int BATCH = Integer.getInteger("batch", 10);
    static final String DRAIN_SUBSCRIBER = "bench-drain";
    static final String LATENCY_SUBSCRIBER = "bench-latency";
    static final java.util.concurrent.CountDownLatch holdDrain = new java.util.concurrent.CountDownLatch(1);
    static volatile long drainLost;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int redisPort = Integer.parseInt(args[1]);
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int rateEvents = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;

        HttpServer runtime = standInRuntime();
        int serverPort = freePort();
        Path data = Files.createTempDirectory("event-bench-");
        Process server = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(),
                "--server.port=" + serverPort, "--spring.data.redis.port=" + redisPort,
                "--themepress.runtime-client.url=http://127.0.0.1:" + runtime.getAddress().getPort(),
                "--themepress.storage.data-dir=" + data, "--themepress.keys.admin-key=" + ADMIN,
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(data.resolve("addon-server.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + serverPort;
            awaitReady(base);
            String developer = developerKey(base);
            register(base, developer, "bench-sub-1");

            warmUp(serverPort, clients);

            Result one = publishAndDeliver(serverPort, "bench.one", events, clients, 1, List.of("bench-sub-1"));
            report("1 subscriber, one event per request", one, clients);
            Result batched = publishAndDeliver(serverPort, "bench.batched", events, clients, BATCH, List.of("bench-sub-1"));
            report("1 subscriber, batches of " + BATCH, batched, clients);

            register(base, developer, "bench-sub-2");
            register(base, developer, "bench-sub-3");
            Result three = publishAndDeliver(serverPort, "bench.three", events, clients, 1,
                    List.of("bench-sub-1", "bench-sub-2", "bench-sub-3"));
            report("3 subscribers, one event per request", three, clients);

            drain(serverPort, base, developer, events / 2, clients);

            // The target is for one subscriber: the three above all take bench.*, so the paced events
            // get a type and a subscriber of their own.
            register(base, developer, LATENCY_SUBSCRIBER, "paced.*");
            latencyAtRate(serverPort, "paced.tick", rateEvents, 500);
            System.out.printf("server resident memory: %s%n", rss(server.pid()));
            if (one.lost > 0 || batched.lost > 0 || three.lost > 0 || drainLost > 0) {
                System.out.println("EVENTS LOST");
                System.exit(1);
            }
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            server.destroyForcibly();
            runtime.stop(0);
        }
    }

    record Result(int published, int refused, double publishSeconds, double deliverSeconds, int subscribers, long lost,
            long duplicates) {
    }

    static void report(String label, Result r, int clients) {
        System.out.printf("%s: published %d with %d clients in %.2f s = %.0f events/s accepted (%d refused); "
                        + "all delivered to each subscriber after %.2f s = %.0f events/s per subscriber (%.0f deliveries/s); lost %d, duplicates %d%n",
                label, r.published, clients, r.publishSeconds, r.published / r.publishSeconds, r.refused, r.deliverSeconds,
                r.published / r.deliverSeconds, r.published * r.subscribers / r.deliverSeconds, r.lost, r.duplicates);
    }

    /**
     * Publishes {@code events} with {@code clients} connections, {@code batch} events per request
     * (a JSON array when more than one), and waits until every subscriber has every accepted id.
     */
    static Result publishAndDeliver(int port, String type, int events, int clients, int batch, List<String> subscribers)
            throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, EventBusLoad::daemon);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try (Client client = new Client(port)) {
                    int taken;
                    while ((taken = Math.min(batch, events - next.getAndAdd(batch))) > 0) {
                        StringBuilder body = new StringBuilder(taken > 1 ? "[" : "");
                        for (int i = 0; i < taken; i++) {
                            body.append(i > 0 ? "," : "").append("{\"type\":\"").append(type)
                                    .append("\",\"source\":\"bench\",\"site\":\"site-1\",\"data\":{\"order\":\"o-12345\",")
                                    .append("\"amount\":42.5,\"currency\":\"EUR\",\"sent\":").append(System.nanoTime()).append("}}");
                        }
                        Client.Reply reply = client.post("/api/events", taken > 1 ? body.append(']').toString() : body.toString());
                        Matcher id = ID.matcher(reply.body());
                        int found = 0;
                        while (reply.status() == 202 && id.find()) {
                            ids.add(id.group(1));
                            found++;
                        }
                        refused.addAndGet(taken - found);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && !subscribers.stream().allMatch(s -> received.getOrDefault(s, Map.of()).keySet().containsAll(ids))) {
            Thread.sleep(20);
        }
        double deliverSeconds = (lastDelivery.get() - start) / 1e9;
        long lost = 0;
        long duplicates = 0;
        for (String subscriber : subscribers) {
            Map<String, AtomicInteger> got = received.getOrDefault(subscriber, Map.of());
            lost += ids.stream().filter(id -> !got.containsKey(id)).count();
            duplicates += ids.stream().mapToInt(id -> got.containsKey(id) ? got.get(id).get() - 1 : 0).sum();
        }
        return new Result(ids.size(), refused.get(), publishSeconds, deliverSeconds, subscribers.size(), lost, duplicates);
    }

    /**
     * Delivery on its own: a backlog of {@code events} is published (in batches) while the stand-in
     * holds the subscriber's first deliveries, then released; the rate is backlog / time to drain it.
     */
    static void drain(int port, String base, String developer, int events, int clients) throws Exception {
        register(base, developer, DRAIN_SUBSCRIBER, "drain.*");
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, EventBusLoad::daemon);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try (Client client = new Client(port)) {
                    int taken;
                    while ((taken = Math.min(BATCH, events - next.getAndAdd(BATCH))) > 0) {
                        StringBuilder body = new StringBuilder("[");
                        for (int i = 0; i < taken; i++) {
                            body.append(i > 0 ? "," : "").append("{\"type\":\"drain.backlog\",\"source\":\"bench\",\"data\":{\"n\":")
                                    .append(i).append("}}");
                        }
                        Matcher id = ID.matcher(client.post("/api/events", body.append(']').toString()).body());
                        while (id.find()) {
                            ids.add(id.group(1));
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        Thread.sleep(500);
        long start = System.nanoTime();
        holdDrain.countDown();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        Map<String, AtomicInteger> got = received.computeIfAbsent(DRAIN_SUBSCRIBER, k -> new ConcurrentHashMap<>());
        while (System.nanoTime() < deadline && !got.keySet().containsAll(ids)) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        drainLost = ids.stream().filter(id -> !got.containsKey(id)).count();
        long duplicates = ids.stream().mapToInt(id -> got.containsKey(id) ? got.get(id).get() - 1 : 0).sum();
        System.out.printf("delivery alone, 1 subscriber: a backlog of %d events drained in %.2f s = %.0f events/s; lost %d, duplicates %d%n",
                ids.size(), seconds, ids.size() / seconds, drainLost, duplicates);
    }

    static void latencyAtRate(int port, String type, int events, int perSecond) throws Exception {
        latencies.clear();
        long interval = 1_000_000_000L / perSecond;
        ExecutorService pool = Executors.newFixedThreadPool(4, EventBusLoad::daemon);
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        ThreadLocal<Client> clients = ThreadLocal.withInitial(() -> {
            try {
                return new Client(port);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < events; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sends.add(pool.submit(() -> {
                String body = "{\"type\":\"" + type + "\",\"source\":\"bench\",\"data\":{\"sent\":" + System.nanoTime() + "}}";
                try {
                    if (clients.get().post("/api/events", body).status() != 202) {
                        refused.incrementAndGet();
                    }
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }));
        }
        for (var send : sends) {
            send.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && latencies.getOrDefault(LATENCY_SUBSCRIBER, List.of()).size() < events - refused.get()) {
            Thread.sleep(20);
        }
        pool.shutdownNow();
        long[] sorted = latencies.getOrDefault(LATENCY_SUBSCRIBER, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("latency at %d events/s (%d events in %.1f s, %d refused), publish -> handler of its one subscriber: "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d received)%n",
                perSecond, events, seconds, refused.get(), pct(sorted, 50), pct(sorted, 99), pct(sorted, 100), sorted.length);
    }

    /** Pool threads that do not keep the JVM alive once main has printed its figures. */
    static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static void warmUp(int port, int clients) throws Exception {
        publishAndDeliver(port, "bench.warm", 5000, clients, 1, List.of("bench-sub-1"));
        publishAndDeliver(port, "bench.warm", 5000, clients, BATCH, List.of("bench-sub-1"));
        System.out.println("warm-up done (5000 events, not counted)");
    }

    /** Plays /runtime/deployments/{name}/{version}[/events]: deployments accepted, deliveries acknowledged and timed. */
    static HttpServer standInRuntime() throws IOException {
        // As the addon SDK does: without TCP_NODELAY every delivery would wait a ~40 ms delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/runtime/deployments/", EventBusLoad::handle);
        server.setExecutor(Executors.newFixedThreadPool(64, EventBusLoad::daemon));
        server.start();
        return server;
    }

    static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (exchange.getRequestMethod().equals("POST") && path.length == 6 && path[5].equals("events")) {
                String text = new String(body, StandardCharsets.UTF_8);
                Matcher id = ID.matcher(text);
                if (path[3].equals(DRAIN_SUBSCRIBER)) {
                    try {
                        holdDrain.await(); // the backlog builds up in the stream while deliveries are held
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (id.find()) {
                    received.computeIfAbsent(path[3], k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(id.group(1), k -> new AtomicInteger()).incrementAndGet();
                }
                Matcher sent = SENT.matcher(text);
                if (sent.find() && text.contains("paced.tick")) {
                    latencies.computeIfAbsent(path[3], k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(now - Long.parseLong(sent.group(1)));
                }
                lastDelivery.accumulateAndGet(now, Math::max);
            }
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Instance-Id", "bench-1");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 201 : 200, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    static void register(String base, String key, String name) throws Exception {
        register(base, key, name, "bench.*");
    }

    static void register(String base, String key, String name, String pattern) throws Exception {
        HttpResponse<String> reply = send(base + "/api/addons/register", "{\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                + "\"events\":{\"subscribes\":[\"" + pattern + "\"]},\"permissions\":[\"events.subscribe\"]}", key);
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("cannot register " + name + ": " + reply.body());
        }
    }

    static String developerKey(String base) throws Exception {
        HttpResponse<String> reply = send(base + "/api/keys", "{\"developer\":\"bench\"}", ADMIN);
        Matcher key = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(reply.body());
        if (!key.find()) {
            throw new IllegalStateException("no key: " + reply.body());
        }
        return key.group(1);
    }

    static HttpResponse<String> send(String url, String body, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitReady(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("addon-server did not become healthy");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "?";
    }

    /** A minimal keep-alive HTTP/1.1 client: the load generator should cost less CPU than the server. */
    static final class Client implements AutoCloseable {

        record Reply(int status, String body) {
        }

        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final int port;

        Client(int port) throws IOException {
            this.port = port;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        Reply post(String path, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "X-API-Key: " + ADMIN + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = colon > 0 ? header.substring(0, colon).trim() : "";
                String value = colon > 0 ? header.substring(colon + 1).trim() : "";
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closing = true; // the server ends keep-alive after so many requests: open a new connection
                }
            }
            byte[] reply;
            if (chunked) {
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(); // CRLF after the chunk
                }
                line(); // CRLF after the last chunk
                reply = all.toByteArray();
            } else {
                reply = length < 0 ? new byte[0] : in.readNBytes(length);
            }
            if (closing) {
                socket.close();
                connect();
            }
            return new Reply(Integer.parseInt(status.split(" ")[1]), new String(reply, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (c == -1 && line.length() == 0) {
                throw new IOException("connection closed");
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
