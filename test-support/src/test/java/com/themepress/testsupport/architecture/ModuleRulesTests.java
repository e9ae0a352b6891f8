package com.themepress.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The shared rules catch what they are for; every module's ArchitectureTests leans on them. */
class ModuleRulesTests {

    static final String SAMPLE = "com.themepress.testsupport.architecture.sample";
    static final JavaClasses CYCLIC = new ClassFileImporter().importPackages(SAMPLE + ".cyclic");

    @Test
    void aCycleBetweenSubPackagesFailsThePackageRule() {
        assertThatThrownBy(() -> ModuleRules.everyPackageFormsNoCycle(SAMPLE).check(CYCLIC))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void aCycleInsideOneFeatureIsNotAFeatureCycle() {
        assertThatCode(() -> ModuleRules.featurePackagesFormNoCycle(SAMPLE).check(CYCLIC)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ModuleRules.featurePackagesFormNoCycle(SAMPLE + ".cyclic").check(CYCLIC))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void httpOutsideTheAllowedClassesFailsTheRuntimeClientRule() {
        JavaClasses http = new ClassFileImporter().importClasses(SpeaksHttp.class, ModuleRulesTests.class);

        assertThatThrownBy(() -> ModuleRules.onlyRuntimeClientCallsTheRuntime("com.themepress.testsupport").check(http))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.net.http");
        assertThatCode(() -> ModuleRules.onlyRuntimeClientCallsTheRuntime("com.themepress.testsupport", SpeaksHttp.class.getName())
                .check(http)).doesNotThrowAnyException();
    }

    static class SpeaksHttp {
        java.net.http.HttpClient client;
    }
}
