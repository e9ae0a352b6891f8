package com.themepress.runtime.pool;

/** Life of one instance inside its pool. */
public enum InstanceState {
    /** Container being created, or waiting for its first healthy /health answer. */
    STARTING,
    /** Healthy and in rotation. */
    READY,
    /** Made from an older spec: finishes the calls it has, takes no new ones, then goes. */
    DRAINING,
    /** Out of the pool; its container is being or has been removed. */
    REMOVED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
