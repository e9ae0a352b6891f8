package com.themepress.runtime.deploy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.model.manifest.Resources;
import com.themepress.runtime.pool.InstancePool;
import com.themepress.runtime.pool.InstanceView;
import com.themepress.runtime.wasm.WasmPool;

/**
 * A deployment as GET and PUT show it; the addon config is left out (it may hold secrets). A container
 * deployment names its {@code image}, a WebAssembly one its {@code module} (SHA-256).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeploymentView(String name, String version, @Nullable String image, @Nullable String module, Resources resources,
        boolean networkOutbound, String specHash, List<InstanceView> instances) {

    static DeploymentView of(InstancePool pool) {
        var spec = pool.spec();
        return new DeploymentView(pool.key().name(), pool.key().version(), spec.image(), null, spec.resources(),
                spec.networkOutbound(), spec.hash(), pool.snapshot());
    }

    static DeploymentView of(WasmPool pool) {
        var spec = pool.spec();
        return new DeploymentView(pool.key().name(), pool.key().version(), null, spec.module(), spec.resources(), false,
                spec.hash(), pool.snapshot());
    }

    /** The answer of GET /runtime/deployments. */
    record Listing(String runtimeId, List<DeploymentView> deployments) {
    }
}
