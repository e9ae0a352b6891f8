import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.themepress.server.AddonServerApplication;
import com.themepress.server.execute.EmittedEvent;
import com.themepress.server.execute.EmittedEvents;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

/**
 * The bus's own publish path without HTTP: starts the addon-server in this JVM on a given Redis and
 * calls its publisher (the one execute answers go through: envelope, id, JSON, size check, XADD
 * awaited, metric) from N threads, as redis-benchmark's N clients call XADD. Runs on the classpath
 * of the extracted addon-server jar (bench/events/run.sh sets it up). Loopback only.
 *
 * java -cp 'addon-server.jar:lib/*' XaddPath.java REDIS_PORT DATA_DIR [events=200000] [threads=16]
 */
public class XaddPath {

    public static void main(String[] args) throws Exception {
        int redisPort = Integer.parseInt(args[0]);
        String dataDir = args[1];
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        ConfigurableApplicationContext context = SpringApplication.run(AddonServerApplication.class,
                "--server.port=0", "--spring.data.redis.port=" + redisPort, "--themepress.storage.data-dir=" + dataDir,
                "--themepress.keys.admin-key=bench-admin-key", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            EmittedEvents bus = context.getBean(EmittedEvents.class);
            JsonNode data = JsonMapper.builder().build()
                    .readTree("{\"order\":\"o-12345\",\"amount\":42.5,\"currency\":\"EUR\",\"note\":\"" + "x".repeat(200) + "\"}");
            run(bus, data, events / 4, threads); // warm-up: let the JIT compile the path
            double rate = run(bus, data, events, threads);
            System.out.printf("bus publish path in-process, %d threads: %d events in Redis at %.0f events/s%n", threads, events, rate);
        } finally {
            context.close();
        }
    }

    static double run(EmittedEvents bus, JsonNode data, int events, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try {
                    while (next.getAndIncrement() < events) {
                        bus.publish(new EmittedEvent("bench", "bench.xadd", data));
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        return events / ((System.nanoTime() - start) / 1e9);
    }
}
