package com.themepress.runtime.pool;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's hold on one instance's capacity. Give it back exactly once, with {@link #release()},
 * or {@link #recycle(String)} when the instance must go (a timeout left it stuck).
 */
public final class Lease implements AutoCloseable {

    private final InstancePool pool;
    private final Instance instance;
    private final URI baseUri;
    private final AtomicBoolean returned = new AtomicBoolean();

    Lease(InstancePool pool, Instance instance, URI baseUri) {
        this.pool = pool;
        this.instance = instance;
        this.baseUri = baseUri;
    }

    public String instanceId() {
        return instance.id();
    }

    public URI baseUri() {
        return baseUri;
    }

    public DeploymentSpec spec() {
        return instance.spec();
    }

    Instance instance() {
        return instance;
    }

    public void release() {
        if (returned.compareAndSet(false, true)) {
            pool.giveBack(instance);
        }
    }

    /** Gives the capacity back and replaces the instance. */
    public void recycle(String reason) {
        release();
        pool.replace(instance, reason);
    }

    /** The instance could not be reached: gives the capacity back and has the pool check it at once. */
    public void unreachable() {
        release();
        pool.suspect(instance);
    }

    @Override
    public void close() {
        release();
    }
}
