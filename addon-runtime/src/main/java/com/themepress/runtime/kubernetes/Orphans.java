package com.themepress.runtime.kubernetes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.themepress.runtime.pool.DeploymentKey;

/**
 * Live pods an earlier run of this runtime id left, waiting to be adopted: a launch for the same addon,
 * version and spec hash takes one instead of making a pod (no cold start after a runtime restart). Those
 * nobody claims within the grace are handed back for removal. Times are the runtime {@code Ticker}'s nanoseconds.
 */
final class Orphans {

    private record Orphan(String podName, long since) {
    }

    private final Map<String, Deque<Orphan>> byDeployment = new HashMap<>();

    synchronized void add(String addon, String version, String specHash, String podName, long now) {
        byDeployment.computeIfAbsent(key(addon, version, specHash), k -> new ArrayDeque<>()).add(new Orphan(podName, now));
    }

    /** The name of an orphan of this deployment and spec, now no longer an orphan; oldest first. */
    synchronized Optional<String> take(DeploymentKey deployment, String specHash) {
        Deque<Orphan> orphans = byDeployment.get(key(deployment.name(), deployment.version(), specHash));
        Orphan orphan = orphans == null ? null : orphans.poll();
        return Optional.ofNullable(orphan).map(Orphan::podName);
    }

    /** The pod is gone (died or deleted): it cannot be adopted. */
    synchronized void forget(String podName) {
        byDeployment.values().forEach(orphans -> orphans.removeIf(o -> o.podName().equals(podName)));
    }

    /** Takes out and answers the orphans waiting since {@code graceNanos} or longer. */
    synchronized List<String> expired(long now, long graceNanos) {
        List<String> expired = new ArrayList<>();
        for (Deque<Orphan> orphans : byDeployment.values()) {
            for (Iterator<Orphan> it = orphans.iterator(); it.hasNext();) {
                Orphan orphan = it.next();
                if (now - orphan.since() >= graceNanos) {
                    expired.add(orphan.podName());
                    it.remove();
                }
            }
        }
        byDeployment.values().removeIf(Deque::isEmpty);
        return expired;
    }

    synchronized int size() {
        return byDeployment.values().stream().mapToInt(Deque::size).sum();
    }

    private static String key(String addon, String version, String specHash) {
        return addon + "@" + version + "#" + specHash;
    }
}
