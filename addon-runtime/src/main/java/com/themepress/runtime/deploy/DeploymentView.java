package com.themepress.runtime.deploy;

import java.util.List;

import com.themepress.model.manifest.Resources;
import com.themepress.runtime.pool.InstancePool;
import com.themepress.runtime.pool.InstanceView;

/** A deployment as GET and PUT show it; the addon config is left out (it may hold secrets). */
record DeploymentView(String name, String version, String image, Resources resources, boolean networkOutbound,
        String specHash, List<InstanceView> instances) {

    static DeploymentView of(InstancePool pool) {
        var spec = pool.spec();
        return new DeploymentView(pool.key().name(), pool.key().version(), spec.image(), spec.resources(),
                spec.networkOutbound(), spec.hash(), pool.snapshot());
    }

    /** The answer of GET /runtime/deployments. */
    record Listing(String runtimeId, List<DeploymentView> deployments) {
    }
}
