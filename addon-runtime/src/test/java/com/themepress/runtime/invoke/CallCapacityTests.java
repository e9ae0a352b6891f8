package com.themepress.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.themepress.runtime.pool.PoolProperties;

class CallCapacityTests {

    @Test
    void theDefaultShareLeavesThreadsForOtherDeployments() {
        assertThatCode(() -> new CallCapacity(PoolProperties.with(Map.of()),
                new MockEnvironment().withProperty("server.tomcat.threads.max", "128"))).doesNotThrowAnyException();
    }

    @Test
    void aShareThatCouldTakeEveryThreadStopsTheStart() {
        PoolProperties greedy = PoolProperties.with(Map.of("max-calls-per-deployment", "100", "max-queue", "28"));

        assertThatThrownBy(() -> new CallCapacity(greedy, new MockEnvironment().withProperty("server.tomcat.threads.max", "128")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max-calls-per-deployment (100) plus max-queue (28) must stay below server.tomcat.threads.max (128)");
    }

    @Test
    void withoutAThreadSettingSpringBootsDefaultCounts() {
        PoolProperties large = PoolProperties.with(Map.of("max-calls-per-deployment", "150", "max-queue", "40"));

        assertThatCode(() -> new CallCapacity(large, new MockEnvironment())).doesNotThrowAnyException();
    }
}
