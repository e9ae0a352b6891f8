package com.themepress.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.manifest.Permission;
import com.themepress.testsupport.architecture.ModuleArchitecture;
import com.themepress.testsupport.architecture.ModuleRules;

/** How the addon-server is built: packages without cycles, checked settings, one place for each decision. */
class ArchitectureTests extends ModuleArchitecture {

    private static final String ROOT = "com.themepress.server";

    ArchitectureTests() {
        super(ROOT);
    }

    @Test
    void theRuntimeIsCalledOnlyThroughRuntimeClient() {
        ModuleRules.onlyRuntimeClientCallsTheRuntime(ROOT).check(main);
    }

    /** A manifest only asks; what an addon may do is decided in one package, which per-site grants extend. */
    @Test
    void onlyThePermissionsPackageReadsWhatAManifestAsksFor() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".permissions..")
                .should().callMethod(AddonManifest.class, "requests", Permission.class)
                .check(main);
    }

    /** Whether an endpoint is open to anyone is a permission decision, which site keys will extend. */
    @Test
    void onlyThePermissionsPackageDecidesWhoMayCallAnEndpoint() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".permissions..")
                .should().callMethod(EndpointSpec.class, "isPublic")
                .check(main);
    }

    /** Cluster broadcasts serve every feature, so they lean on none of them. */
    @Test
    void clusterBroadcastsDependOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".events..", ROOT + ".registry..", ROOT + ".widgets..",
                        ROOT + ".execute..", ROOT + ".keys..")
                .check(main);
    }
}
