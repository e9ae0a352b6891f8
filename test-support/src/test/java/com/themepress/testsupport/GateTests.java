package com.themepress.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GateTests {

    @Test
    void anOpenGateLetsCallersThroughAtOnce() {
        Gate gate = Gate.opened();

        assertThat(gate.pass()).isTrue();
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void aClosedGateHoldsCallersUntilOpenedAndCountsThem() throws Exception {
        Gate gate = Gate.closed();
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(gate::pass);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(gate::pass);

        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 2);
        assertThat(first).isNotDone();

        gate.open();

        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.waiting()).isZero();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void closingAgainHoldsTheNextCaller() {
        Gate gate = Gate.opened();
        gate.close();
        CompletableFuture<Boolean> held = CompletableFuture.supplyAsync(gate::pass);

        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waiting() == 1);
        assertThat(gate.isOpen()).isFalse();
        gate.open();
        assertThat(held.join()).isTrue();
    }
}
