package com.themepress.model.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IdleTrimTests {

    static final long SECOND = 1_000_000_000L;

    final AtomicLong collections = new AtomicLong();
    final AtomicInteger trims = new AtomicInteger();
    /** A trim is a full collection: it moves the count too. */
    final IdleTrim idle = new IdleTrim(Duration.ofSeconds(30), 3, collections::get, () -> {
        trims.incrementAndGet();
        collections.incrementAndGet();
    });

    @Test
    void trimsOnceTheCollectorHasBeenQuietForTheIdlePeriod() {
        collections.set(40);
        idle.check(0);

        assertThat(idle.check(29 * SECOND)).isFalse();
        assertThat(idle.check(30 * SECOND)).isTrue();
        assertThat(trims).hasValue(1);
    }

    @Test
    void waitsWhileTheServiceIsStillCollecting() {
        for (int second = 0; second <= 120; second += 5) {
            collections.addAndGet(3);
            idle.check(second * SECOND);
        }

        assertThat(trims).hasValue(0);
    }

    @Test
    void trimsAnIdleServiceOnlyOnceUntilWorkComesAgain() {
        idle.check(0);
        idle.check(30 * SECOND);
        for (int second = 35; second <= 600; second += 5) {
            idle.check(second * SECOND);
        }
        assertThat(trims).hasValue(1);

        collections.addAndGet(10);
        idle.check(605 * SECOND);
        idle.check(640 * SECOND);

        assertThat(trims).hasValue(2);
    }

    @Test
    void trimsOnceWhileAnIdleServiceStillCollectsNowAndThen() {
        for (int second = 0; second <= 600; second += 5) {
            if (second % 15 == 0) {
                collections.incrementAndGet(); // its own schedulers: one young collection every 15 s
            }
            idle.check(second * SECOND);
        }

        assertThat(trims).hasValue(1);
    }
}
