package com.themepress.runtime;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.architecture.ModuleArchitecture;

/** How the runtime is built: the pool knows containers only through its driver, and time only through the ticker. */
class ArchitectureTests extends ModuleArchitecture {

    private static final String ROOT = "com.themepress.runtime";

    ArchitectureTests() {
        super(ROOT);
    }

    /**
     * time ← pool ← {drivers (sandbox, kubernetes), metrics, wasm} ← {deploy, invoke, hostapi}: the pool is tested on
     * fake time with a fake driver, which holds only while it reaches Docker, the cluster and the clock through nothing but
     * its interfaces. The pod driver shares the sandbox's settings and outbound decision, so both drivers are one layer;
     * the WASM tier sits beside them and is reached only from the API.
     */
    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("time").definedBy(ROOT + ".time..")
                .layer("pool").definedBy(ROOT + ".pool..")
                .layer("drivers").definedBy(ROOT + ".sandbox..", ROOT + ".kubernetes..")
                .layer("metrics").definedBy(ROOT + ".metrics..")
                .layer("wasm").definedBy(ROOT + ".wasm..")
                .layer("api").definedBy(ROOT + ".deploy..", ROOT + ".invoke..", ROOT + ".hostapi..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("drivers").mayOnlyBeAccessedByLayers("api")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("api")
                .whereLayer("wasm").mayOnlyBeAccessedByLayers("api")
                .whereLayer("pool").mayOnlyBeAccessedByLayers("drivers", "metrics", "wasm", "api")
                .check(main);
    }
}
