package com.themepress.server.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTests {

    final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(10), 0.2);

    @ParameterizedTest(name = "after {0} failure(s) wait {1} ms before jitter")
    @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "10, 512000", "11, 600000", "50, 600000"})
    void doublesUpToTheCap(int failures, long millis) {
        assertThat(backoff.delay(failures, 0.0)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "jitter draw {0} shortens the wait to {1} ms")
    @CsvSource({"0.0, 4000", "0.5, 3600", "0.999999, 3200"})
    void jitterOnlyShortensWithinItsFraction(double random, long millis) {
        assertThat(backoff.delay(3, random).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"1", "1000000"})
    void neverOverflowsNorGoesNegative(int failures) {
        Duration delay = backoff.delay(failures, 0.3);
        assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
    }
}
