package com.themepress.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.architecture.ModuleRules;
import com.tngtech.archunit.core.domain.JavaClasses;

/** How the gateway is built: its problem answers serve every route and lean on none. */
class ArchitectureTests {

    private static final String ROOT = "com.themepress.gateway";
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
    void problemAnswersDependOnNoRoute() {
        noClasses().that().resideInAPackage(ROOT + ".problem..").should().dependOnClassesThat().resideInAPackage(ROOT + ".widgets..")
                .check(MAIN);
    }
}
