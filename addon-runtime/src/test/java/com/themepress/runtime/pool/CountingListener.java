package com.themepress.runtime.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a pool reported. */
final class CountingListener implements PoolListener {

    final AtomicInteger coldStarts = new AtomicInteger();
    final AtomicInteger reaps = new AtomicInteger();
    final AtomicInteger startFailures = new AtomicInteger();
    final List<String> replacements = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(DeploymentKey key, String reason) {
        rejections.add(reason);
    }

    @Override
    public void coldStart(DeploymentKey key) {
        coldStarts.incrementAndGet();
    }

    @Override
    public void startFailed(DeploymentKey key) {
        startFailures.incrementAndGet();
    }

    @Override
    public void replaced(DeploymentKey key, String reason) {
        replacements.add(reason);
    }

    @Override
    public void reaped(DeploymentKey key) {
        reaps.incrementAndGet();
    }
}
