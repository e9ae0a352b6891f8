package com.themepress.runtime.pool;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** Where the last pick stopped, so that consecutive calls spread over the instances. Guarded by the pool lock. */
final class RoundRobin {

    private int cursor;

    /** The first eligible instance after the last one picked, wrapping around; null when none is. */
    @Nullable Instance next(List<Instance> instances, Predicate<Instance> eligible) {
        int n = instances.size();
        for (int k = 0; k < n; k++) {
            int index = Math.floorMod(cursor + k, n);
            Instance candidate = instances.get(index);
            if (eligible.test(candidate)) {
                cursor = index + 1;
                return candidate;
            }
        }
        return null;
    }
}
