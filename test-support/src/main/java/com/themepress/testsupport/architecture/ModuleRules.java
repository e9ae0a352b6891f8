package com.themepress.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every module's {@code ArchitectureTests} applies to its own main classes, so that
 * each module states only the rules that are its own. Annotations are named, not imported, because this
 * toolkit does not depend on Spring.
 */
public final class ModuleRules {

    private static final String CONFIGURATION_PROPERTIES = "org.springframework.boot.context.properties.ConfigurationProperties";
    private static final String VALIDATED = "org.springframework.validation.annotation.Validated";

    private ModuleRules() {
    }

    /** The module's main classes (no tests) under {@code root}. */
    public static JavaClasses mainClasses(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    /** Top-level feature packages ({@code root.events}, {@code root.registry}...) form no cycle. */
    public static ArchRule featurePackagesFormNoCycle(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    /** Every package on its own, sub-packages included ({@code events.delivery} and {@code events.publishing} are two). */
    public static ArchRule everyPackageFormsNoCycle(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** Settings are records whose values are checked when the service starts, not when they are first used. */
    public static ArchRule settingsAreValidatedRecords() {
        return classes().that().areAnnotatedWith(CONFIGURATION_PROPERTIES).should().beAnnotatedWith(VALIDATED)
                .andShould().beRecords();
    }

    /**
     * Calls to the addon-runtime are runtime-client's job: outside the {@code allowed} classes (which call
     * other services), no class of the module speaks HTTP itself.
     */
    public static ArchRule onlyRuntimeClientCallsTheRuntime(String root, String... allowed) {
        List<String> others = List.of(allowed);
        DescribedPredicate<JavaClass> callsAnotherService = DescribedPredicate.describe("call another service " + others,
                type -> others.stream().anyMatch(name -> type.getName().equals(name) || type.getName().startsWith(name + "$")));
        return noClasses().that().resideInAPackage(root + "..").and(DescribedPredicate.not(callsAnotherService))
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("the runtime is called through com.themepress.runtimeclient.RuntimeClient");
    }
}
