package com.themepress.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The shared model forms no cycle and knows no service: every service and both libraries build on it. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.themepress.model");

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("com.themepress.model.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPackageFormsNoCycle() {
        slices().matching("com.themepress.model.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theModelDependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.themepress.server..", "com.themepress.runtime..",
                "com.themepress.renderer..", "com.themepress.gateway..", "com.themepress.runtimeclient..").check(MAIN);
    }
}
