package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry keeps one pool per deployment, routes container deaths to their pool and runs the rounds on the pools. */
@Timeout(30)
class PoolRegistryTests {

    static final DeploymentKey KEY = InstancePoolTests.KEY;

    final FakeDriver driver = new FakeDriver();
    final FakeTicker ticker = new FakeTicker();
    final CountingListener listener = new CountingListener();
    final PoolRegistry registry = new PoolRegistry(driver,
            PoolProperties.with(Map.of("idle-timeout", "5m", "start-timeout", "1s")), ticker, listener);

    @AfterEach
    void stop() {
        registry.stop();
    }

    PoolRegistry.Put put(DeploymentSpec spec) {
        PoolRegistry.Put put = registry.put(KEY, spec);
        assertThat(put.pool().awaitWarm(Duration.ofSeconds(5))).isEmpty();
        return put;
    }

    @Test
    void putCreatesThePoolOnceAndReplacesItsInstancesOnlyForAChangedSpec() {
        PoolRegistry.Put created = put(InstancePoolTests.spec(1, 1, 4, "v1"));
        assertThat(created.created()).isTrue();
        assertThat(driver.launched).hasSize(1);

        PoolRegistry.Put same = put(InstancePoolTests.spec(1, 1, 4, "v1"));
        assertThat(same.pool()).isSameAs(created.pool());
        assertThat(same.created()).isFalse();
        assertThat(same.replaced()).isFalse();
        assertThat(driver.launched).hasSize(1);

        PoolRegistry.Put changed = put(InstancePoolTests.spec(1, 1, 4, "v2"));
        assertThat(changed.pool()).isSameAs(created.pool());
        assertThat(changed.replaced()).isTrue();
        assertThat(driver.launched).hasSize(2);
    }

    @Test
    void removeClosesThePoolAndRemovesItsContainers() {
        put(InstancePoolTests.spec(2, 2, 4));
        assertThat(registry.remove(KEY)).isTrue();
        assertThat(registry.find(KEY)).isEmpty();
        assertThat(registry.remove(KEY)).isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> driver.destroyed.size() == 2);
    }

    @Test
    void containerDeathReportedByTheEngineReplacesTheInstanceOfItsPool() {
        InstancePool pool = put(InstancePoolTests.spec(1, 1, 4)).pool();
        String victim = driver.launched.get(0);
        driver.kill(victim, "oom_killed");
        assertThat(listener.replacements).containsExactly("oom_killed");
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
        assertThat(pool.snapshot()).extracting(InstanceView::containerId).doesNotContain(victim);
    }

    @Test
    void reapRoundReadsTheInjectedTime() {
        InstancePool pool = put(InstancePoolTests.spec(0, 1, 4)).pool();
        pool.acquire().release();
        registry.reapRound();
        assertThat(pool.snapshot()).hasSize(1);
        ticker.advance(Duration.ofMinutes(5));
        registry.reapRound();
        assertThat(pool.snapshot()).isEmpty();
    }

    @Test
    void healthRoundTopsPoolsUpToTheirMinimum() {
        driver.launchFailure = new IllegalStateException("engine hiccup");
        InstancePool pool = registry.put(KEY, InstancePoolTests.spec(1, 1, 4)).pool();
        await().atMost(Duration.ofSeconds(2)).until(() -> listener.startFailures.get() == 1);
        assertThat(pool.snapshot()).isEmpty();

        driver.launchFailure = null;
        registry.healthRound();
        assertThat(pool.awaitWarm(Duration.ofSeconds(2))).isEmpty();
        assertThat(driver.launched).hasSize(1);
    }
}
