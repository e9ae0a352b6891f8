package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a lost instance's successor may start: at once, or after a delay that grows while the addon keeps crashing. */
class CrashBackoffTests {

    final FakeTicker ticker = new FakeTicker();
    final PoolProperties props = PoolProperties.with(Map.of("crash-loop-window", "30s", "max-restart-backoff", "4s"));
    final CrashBackoff backoff = new CrashBackoff(props, ticker);

    Instance instance() {
        return new Instance("i", InstancePoolTests.spec(1, 1, 1), ticker.instant(), ticker.nanoTime());
    }

    @Test
    void firstQuickCrashIsReplacedAtOnceAndLaterOnesWaitLongerUpToTheCeiling() {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(Duration.ofNanos(backoff.lost(instance(), true)));
        }
        assertThat(delays).containsExactly(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void restartsAreHeldBackUntilTheDelayHasPassed() {
        backoff.lost(instance(), true);
        assertThat(backoff.holding()).isFalse();
        backoff.lost(instance(), true);
        assertThat(backoff.holding()).isTrue();
        ticker.advance(Duration.ofMillis(499));
        assertThat(backoff.holding()).isTrue();
        ticker.advance(Duration.ofMillis(1));
        assertThat(backoff.holding()).isFalse();
    }

    @Test
    void deathAfterTheCrashLoopWindowStartsTheCountAgain() {
        Instance old = instance();
        backoff.lost(instance(), true);
        backoff.lost(instance(), true);
        ticker.advance(Duration.ofSeconds(30));
        assertThat(backoff.lost(old, true)).isZero();
        assertThat(backoff.lost(instance(), true)).as("the count restarted at the slow death").isZero();
    }

    @Test
    void timeoutIsNoCrashAndStartsTheCountAgain() {
        backoff.lost(instance(), true);
        backoff.lost(instance(), true);
        assertThat(backoff.lost(instance(), false)).isZero();
        assertThat(backoff.lost(instance(), true)).isZero();
        assertThat(backoff.lost(instance(), true)).isEqualTo(Duration.ofMillis(500).toNanos());
    }
}
