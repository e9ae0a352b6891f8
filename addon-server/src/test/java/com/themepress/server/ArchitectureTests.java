package com.themepress.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.testsupport.architecture.ModuleRules;
import com.tngtech.archunit.core.domain.JavaClasses;

/** How the addon-server is built: packages without cycles, checked settings, one place for each decision. */
class ArchitectureTests {

    private static final String ROOT = "com.themepress.server";
    private static final JavaClasses MAIN = ModuleRules.mainClasses(ROOT);

    @Test
    void featurePackagesFormNoCycle() {
        ModuleRules.featurePackagesFormNoCycle(ROOT).check(MAIN);
    }

    @Test
    void everyPackageFormsNoCycle() {
        ModuleRules.everyPackageFormsNoCycle(ROOT).check(MAIN);
    }

    @Test
    void everySettingsRecordIsValidated() {
        ModuleRules.settingsAreValidatedRecords().check(MAIN);
    }

    @Test
    void theRuntimeIsCalledOnlyThroughRuntimeClient() {
        ModuleRules.onlyRuntimeClientCallsTheRuntime(ROOT).check(MAIN);
    }

    /** A manifest only asks; what an addon may do is decided in one package, which per-site grants extend. */
    @Test
    void onlyThePermissionsPackageReadsWhatAManifestAsksFor() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".permissions..")
                .should().callMethod(AddonManifest.class, "requests", Permission.class)
                .check(MAIN);
    }

    /** Cluster broadcasts serve every feature, so they lean on none of them. */
    @Test
    void clusterBroadcastsDependOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".events..", ROOT + ".registry..", ROOT + ".widgets..",
                        ROOT + ".execute..", ROOT + ".keys..")
                .check(MAIN);
    }
}
