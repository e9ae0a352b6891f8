package com.themepress.server.events.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import com.themepress.model.manifest.AddonManifest;

/**
 * One subscriber in this replica: its manifest (updated on registry changes), the deliveries running
 * for it (at most {@code max-in-flight}) and the state of its group. Its {@link SubscriptionReader}
 * reads new entries, the {@link Sweep} retries and reclaimed ones.
 */
final class Subscription {

    private final String addon;
    private final Semaphore inFlight;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private volatile AddonManifest manifest;
    private volatile boolean groupReady;
    /** Paused for its backlog (shared in Redis, refreshed by each sweep): nothing is read or retried for it here. */
    private volatile boolean paused;
    /** Where the next XAUTOCLAIM of this group continues; used by the sweep only. */
    String claimCursor = "0-0";

    Subscription(AddonManifest manifest, int maxInFlight) {
        this.addon = manifest.name();
        this.manifest = manifest;
        this.inFlight = new Semaphore(maxInFlight);
    }

    String addon() {
        return addon;
    }

    AddonManifest manifest() {
        return manifest;
    }

    void update(AddonManifest manifest) {
        this.manifest = manifest;
    }

    boolean groupReady() {
        return groupReady;
    }

    void groupReady(boolean ready) {
        groupReady = ready;
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    /** Deliveries this subscriber may still start here. */
    int room() {
        return inFlight.availablePermits();
    }

    /** Waits until at least one delivery could start, without taking its place; answers how many could. */
    int awaitRoom() throws InterruptedException {
        inFlight.acquire();
        int room = inFlight.availablePermits() + 1;
        inFlight.release();
        return room;
    }

    boolean inFlight(String id) {
        return active.contains(id);
    }

    /** Marks an entry in flight, waiting for room; false when it is in flight already. */
    boolean claim(String id) throws InterruptedException {
        if (!active.add(id)) {
            return false;
        }
        inFlight.acquire();
        return true;
    }

    void release(String id) {
        active.remove(id);
        inFlight.release();
    }
}
