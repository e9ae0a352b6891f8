package com.themepress.testsupport.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * What every service module holds to, run by each module's {@code ArchitectureTests} (which extends this and
 * adds the rules that are its own): no package cycles at any level, and settings checked at start.
 */
public abstract class ModuleArchitecture {

    protected final String root;
    protected final JavaClasses main;

    protected ModuleArchitecture(String root) {
        this.root = root;
        this.main = ModuleRules.mainClasses(root);
    }

    @Test
    void featurePackagesFormNoCycle() {
        ModuleRules.featurePackagesFormNoCycle(root).check(main);
    }

    @Test
    void everyPackageFormsNoCycle() {
        ModuleRules.everyPackageFormsNoCycle(root).check(main);
    }

    @Test
    void everySettingsRecordIsValidated() {
        ModuleRules.settingsAreValidatedRecords().check(main);
    }
}
