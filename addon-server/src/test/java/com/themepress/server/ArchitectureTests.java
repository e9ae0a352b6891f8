package com.themepress.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The module's packages form no cycle, so each can be read, and moved, on its own; its settings are checked at start. */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.themepress.server");

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("com.themepress.server.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** Every package on its own, sub-packages included (events.delivery and events.publishing are two slices). */
    @Test
    void everyPackageFormsNoCycle() {
        slices().matching("com.themepress.server.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everySettingsRecordIsValidated() {
        classes().that().areAnnotatedWith(ConfigurationProperties.class).should().beAnnotatedWith(Validated.class)
                .andShould().beRecords().check(MAIN);
    }
}
