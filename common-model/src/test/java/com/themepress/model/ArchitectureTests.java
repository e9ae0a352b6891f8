package com.themepress.model;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.networknt.schema.SchemaRegistry;

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

    /** A second registry would compile schemas with the validator's default, backtracking regex engine. */
    @Test
    void schemasAreCompiledOnlyByTheOneRegistryWithTheLinearRegexEngine() {
        noClasses().that().doNotHaveFullyQualifiedName("com.themepress.model.schema.SchemaRegistries")
                .should().callMethodWhere(target(owner(assignableTo(SchemaRegistry.class))).and(target(nameMatching("with.*|builder"))))
                .check(MAIN);
    }
}
