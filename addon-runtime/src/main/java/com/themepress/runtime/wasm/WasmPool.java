package com.themepress.runtime.wasm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.InstanceView;
import com.themepress.runtime.pool.PoolListener;
import com.themepress.runtime.time.Ticker;

/**
 * The instances of one module deployment. An instance serves one call at a time; up to
 * {@code maxInstances × concurrency} calls run at once (the bulkhead), each on an instance taken from
 * the idle ones or made for it (a cold start costs an instantiation, not a container). An instance a
 * call failed on is dropped, never reused: its memory may be half-written.
 */
public final class WasmPool {

    private final DeploymentKey key;
    private final WasmSpec spec;
    private final WasmModule module;
    private final MemoryLimits limits;
    private final Ticker ticker;
    private final PoolListener listener;
    private final Semaphore slots;
    private final ConcurrentLinkedDeque<WasmInstance> idle = new ConcurrentLinkedDeque<>();
    private final Map<String, WasmInstance> busy = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    WasmPool(DeploymentKey key, WasmSpec spec, WasmModule module, MemoryLimits limits, Ticker ticker, PoolListener listener) {
        this.key = key;
        this.spec = spec;
        this.module = module;
        this.limits = limits;
        this.ticker = ticker;
        this.listener = listener;
        this.slots = new Semaphore(spec.resources().maxInstances() * spec.resources().concurrency(), true);
    }

    public DeploymentKey key() {
        return key;
    }

    public WasmSpec spec() {
        return spec;
    }

    /** The largest memory an instance may grow to, in 64 KiB pages. */
    public int maxPages() {
        return limits.maximumPages();
    }

    /** Makes {@code count} instances ready; the first unhealthy one ends it with why. */
    void warm(int count) {
        for (int i = 0; i < count; i++) {
            WasmInstance instance = instantiate();
            if (!instance.healthy()) {
                listener.startFailed(key);
                throw new WasmFailure(WasmFailure.Kind.FAILED, "its health() answered non-zero");
            }
            idle.push(instance);
        }
    }

    /** A slot within the bulkhead, waiting at most {@code nanos}; false when none came. */
    boolean admit(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return slots.tryAcquire();
        }
        return slots.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    void leave() {
        slots.release();
    }

    /** An idle instance, or a new one (a cold start). Call only while admitted. */
    WasmInstance take() {
        WasmInstance instance = idle.poll();
        if (instance == null) {
            listener.coldStart(key);
            instance = instantiate();
        }
        busy.put(instance.id(), instance);
        return instance;
    }

    void giveBack(WasmInstance instance) {
        busy.remove(instance.id());
        instance.used(ticker.nanoTime());
        idle.push(instance);
    }

    void drop(WasmInstance instance, String reason) {
        busy.remove(instance.id());
        listener.replaced(key, reason);
    }

    /** Calls running now. */
    public int running() {
        return busy.size();
    }

    public List<InstanceView> snapshot() {
        List<InstanceView> views = new ArrayList<>();
        Instant now = ticker.instant();
        long nowNanos = ticker.nanoTime();
        busy.values().forEach(i -> views.add(new InstanceView(i.id(), "ready", 1, null, spec.hash(), now)));
        idle.forEach(i -> views.add(new InstanceView(i.id(), "ready", 0, null, spec.hash(),
                now.minusNanos(Math.max(0, nowNanos - i.lastUsedNanos())))));
        return views;
    }

    private WasmInstance instantiate() {
        long started = ticker.nanoTime();
        WasmInstance instance = WasmInstance.create("wasm-" + key.name() + "-" + serial.incrementAndGet(), module, limits);
        instance.used(ticker.nanoTime());
        listener.instanceStarted(key, ticker.nanoTime() - started);
        return instance;
    }
}
