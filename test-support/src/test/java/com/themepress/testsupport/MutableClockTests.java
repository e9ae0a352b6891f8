package com.themepress.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class MutableClockTests {

    @Test
    void standsStillUntilAdvancedThenMovesWallAndMonotonicTimeTogether() {
        MutableClock clock = new MutableClock(Instant.parse("2030-05-01T10:00:00Z"));
        long nanos = clock.nanoTime();

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T10:00:00Z"));
        assertThat(clock.nanoTime()).isEqualTo(nanos);

        clock.advance(Duration.ofSeconds(90));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T10:01:30Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2030-05-01T10:01:30Z").toEpochMilli());
        assertThat(clock.nanoTime() - nanos).isEqualTo(Duration.ofSeconds(90).toNanos());
    }

    @Test
    void startsAtTheDefaultInstantAndStaysOneClockInAnotherZone() {
        MutableClock clock = new MutableClock();

        assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START);
        assertThat(clock.withZone(ZoneId.of("Europe/Berlin"))).isSameAs(clock);
    }

    @Test
    void refusesToRunBackwards() {
        MutableClock clock = new MutableClock();

        assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START);
    }
}
