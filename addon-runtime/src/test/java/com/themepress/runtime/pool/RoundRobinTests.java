package com.themepress.runtime.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The cursor spreads consecutive picks over the eligible instances. */
class RoundRobinTests {

    final RoundRobin roundRobin = new RoundRobin();
    final List<Instance> instances = new ArrayList<>();

    Instance add(String id) {
        Instance instance = new Instance(id, InstancePoolTests.spec(1, 3, 1), Instant.EPOCH, 0);
        instances.add(instance);
        return instance;
    }

    String next() {
        Instance picked = roundRobin.next(instances, i -> !i.id().startsWith("x"));
        return picked == null ? null : picked.id();
    }

    @Test
    void picksEachEligibleInstanceInTurnAndWrapsAround() {
        add("a");
        add("x1");
        add("b");
        add("c");
        assertThat(List.of(next(), next(), next(), next(), next())).containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void continuesAfterTheLastPickWhenInstancesComeAndGo() {
        add("a");
        add("b");
        assertThat(next()).isEqualTo("a");
        instances.remove(0);
        add("c");
        assertThat(List.of(next(), next())).containsExactly("c", "b");
    }

    @Test
    void answersNullWhenNoInstanceIsEligible() {
        assertThat(next()).isNull();
        add("x1");
        assertThat(next()).isNull();
    }
}
