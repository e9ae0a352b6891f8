package com.themepress.model.memory;

import java.lang.management.ManagementFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The heap's free ratios set for a while and put back on close. The JVM checks min &lt;= max at every
 * change, so the order of the two writes depends on the direction. Where the flags cannot be written
 * (another JVM) nothing changes and the collection runs with the ratios the JVM has.
 */
final class FreeRatios implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FreeRatios.class);
    private static final String MIN = "MinHeapFreeRatio";
    private static final String MAX = "MaxHeapFreeRatio";

    private final HotSpotDiagnosticMXBean hotspot;
    private final int oldMin;
    private final int oldMax;

    private FreeRatios(HotSpotDiagnosticMXBean hotspot, int oldMin, int oldMax) {
        this.hotspot = hotspot;
        this.oldMin = oldMin;
        this.oldMax = oldMax;
    }

    static FreeRatios set(int min, int max) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            FreeRatios previous = new FreeRatios(hotspot, current(hotspot, MIN), current(hotspot, MAX));
            write(hotspot, min, max, previous.oldMin);
            return previous;
        } catch (RuntimeException e) {
            log.debug("Heap free ratios cannot be changed on this JVM: {}", e.toString());
            return new FreeRatios(null, -1, -1);
        }
    }

    static int current(HotSpotDiagnosticMXBean hotspot, String flag) {
        return Integer.parseInt(hotspot.getVMOption(flag).getValue());
    }

    /** Lowering: the minimum first; raising: the maximum first, so that min &lt;= max holds after each write. */
    private static void write(HotSpotDiagnosticMXBean hotspot, int min, int max, int currentMin) {
        if (min <= currentMin) {
            hotspot.setVMOption(MIN, Integer.toString(min));
            hotspot.setVMOption(MAX, Integer.toString(max));
        } else {
            hotspot.setVMOption(MAX, Integer.toString(max));
            hotspot.setVMOption(MIN, Integer.toString(min));
        }
    }

    @Override
    public void close() {
        if (hotspot == null) {
            return;
        }
        try {
            write(hotspot, oldMin, oldMax, current(hotspot, MIN));
        } catch (RuntimeException e) {
            log.warn("Heap free ratios could not be put back to {}/{}: {}", oldMin, oldMax, e.toString());
        }
    }
}
