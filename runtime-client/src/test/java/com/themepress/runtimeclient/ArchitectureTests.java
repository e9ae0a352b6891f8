package com.themepress.runtimeclient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.architecture.ModuleRules;
import com.tngtech.archunit.core.domain.JavaClasses;

/** The client is a library of both the addon-server and the renderer, so it knows neither. */
class ArchitectureTests {

    private static final JavaClasses MAIN = ModuleRules.mainClasses("com.themepress.runtimeclient");

    @Test
    void dependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.themepress.server..", "com.themepress.runtime..",
                "com.themepress.renderer..", "com.themepress.gateway..").check(MAIN);
    }

    @Test
    void itsSettingsAreValidated() {
        ModuleRules.settingsAreValidatedRecords().check(MAIN);
    }
}
