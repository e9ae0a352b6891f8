package com.themepress.server.registry;

import com.themepress.model.manifest.Resources;

/**
 * What one addon version may take from the runtime at once. CPUs are counted in thousandths, so that
 * sums of {@code 0.1} stay exact.
 */
record ResourceClaim(long memoryMb, long milliCpus, long instances) {

    static final ResourceClaim NONE = new ResourceClaim(0, 0, 0);

    static ResourceClaim of(Resources resources) {
        long instances = resources.maxInstances();
        return new ResourceClaim(resources.memoryMb() * instances, milliCpus(resources.cpus()) * instances, instances);
    }

    static long milliCpus(double cpus) {
        return Math.round(cpus * 1000);
    }

    /** The larger of each part: what an addon claims when any of two versions may be the one running. */
    ResourceClaim max(ResourceClaim other) {
        return new ResourceClaim(Math.max(memoryMb, other.memoryMb), Math.max(milliCpus, other.milliCpus),
                Math.max(instances, other.instances));
    }

    ResourceClaim minus(ResourceClaim other) {
        return new ResourceClaim(memoryMb - other.memoryMb, milliCpus - other.milliCpus, instances - other.instances);
    }

    ResourceClaim plus(ResourceClaim other) {
        return new ResourceClaim(memoryMb + other.memoryMb, milliCpus + other.milliCpus, instances + other.instances);
    }
}
