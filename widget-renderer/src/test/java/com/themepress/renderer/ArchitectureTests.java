package com.themepress.renderer;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.architecture.ModuleArchitecture;
import com.themepress.testsupport.architecture.ModuleRules;

/** How the renderer is built: fragment ← cache ← render, and only the resolver speaks HTTP (to the addon-server). */
class ArchitectureTests extends ModuleArchitecture {

    private static final String ROOT = "com.themepress.renderer";

    ArchitectureTests() {
        super(ROOT);
    }

    @Test
    void theRuntimeIsCalledOnlyThroughRuntimeClient() {
        ModuleRules.onlyRuntimeClientCallsTheRuntime(ROOT, ROOT + ".render.WidgetResolver").check(main);
    }

    /** The fragment (sanitiser, CSS scoping) is a pure function of an addon's output; the cache knows no HTTP request. */
    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("fragment").definedBy(ROOT + ".fragment..")
                .layer("cache").definedBy(ROOT + ".cache..")
                .layer("render").definedBy(ROOT + ".render..")
                .whereLayer("render").mayNotBeAccessedByAnyLayer()
                .whereLayer("cache").mayOnlyBeAccessedByLayers("render")
                .whereLayer("fragment").mayOnlyBeAccessedByLayers("cache", "render")
                .check(main);
    }
}
