package com.themepress.model.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

/** The trim tightens the heap's free ratios for its collection only, in either direction, and puts them back. */
class FreeRatiosTests {

    final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    int min() {
        return FreeRatios.current(hotspot, "MinHeapFreeRatio");
    }

    int max() {
        return FreeRatios.current(hotspot, "MaxHeapFreeRatio");
    }

    @Test
    void tightensForAWhileAndPutsTheJvmsRatiosBack() {
        int min = min();
        int max = max();

        try (FreeRatios tightened = FreeRatios.set(10, 20)) {
            assertThat(min()).isEqualTo(10);
            assertThat(max()).isEqualTo(20);
        }

        assertThat(min()).isEqualTo(min);
        assertThat(max()).isEqualTo(max);
    }

    @Test
    void raisesAboveTheCurrentMaximumInTheOrderTheJvmAccepts() {
        try (FreeRatios tight = FreeRatios.set(5, 10)) {
            try (FreeRatios loose = FreeRatios.set(60, 90)) {
                assertThat(min()).isEqualTo(60);
                assertThat(max()).isEqualTo(90);
            }
            assertThat(min()).isEqualTo(5);
            assertThat(max()).isEqualTo(10);
        }
    }
}
