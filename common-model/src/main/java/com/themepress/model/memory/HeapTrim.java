package com.themepress.model.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The trim itself. A full collection lets the serial collector shrink both generations to what is
 * live and hand the rest back to the OS. For that one collection the heap's free ratios are tightened
 * ({@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio} are manageable flags), then put back: kept tight all
 * the time they left the old generation no room under load, and at 100,000 addons the addon-server ran a
 * full collection every 15 s (82 in a benchmark run, 120 ms each: p99 96 ms); then glibc is asked to
 * return the free memory of its malloc arenas ({@code System.trim_native_heap}, where the JVM has that
 * command: 17.0.9 and later), which after a load held about 28 MB per service here.
 */
final class HeapTrim implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(HeapTrim.class);
    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Counter trims;
    private final int minFree;
    private final int maxFree;
    private boolean nativeTrimMissing;

    HeapTrim(MeterRegistry meters, int minFree, int maxFree) {
        this.minFree = minFree;
        this.maxFree = maxFree;
        this.trims = Counter.builder("jvm.memory.idle.trims")
                .description("Times the service gave memory back after going idle").register(meters);
    }

    @Override
    public void run() {
        long before = memory.getHeapMemoryUsage().getCommitted();
        long started = System.nanoTime();
        try (FreeRatios tightened = FreeRatios.set(minFree, maxFree)) {
            System.gc();
        }
        trimNativeHeap();
        trims.increment();
        log.info("Idle: heap committed {} MB -> {} MB after a full collection and a native heap trim ({} ms)",
                before >> 20, memory.getHeapMemoryUsage().getCommitted() >> 20, (System.nanoTime() - started) / 1_000_000);
    }

    private void trimNativeHeap() {
        if (nativeTrimMissing) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.invoke(new ObjectName(DIAGNOSTIC_COMMANDS), "systemTrimNativeHeap", new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
        } catch (Exception e) {
            // an older JVM, or not glibc: the heap part still helps
            nativeTrimMissing = true;
            log.debug("No native heap trim on this JVM: {}", e.toString());
        }
    }
}
