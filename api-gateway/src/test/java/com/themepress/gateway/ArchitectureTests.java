package com.themepress.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.themepress.testsupport.architecture.ModuleArchitecture;

/** How the gateway is built: its problem answers and its edge policy serve every route and lean on none. */
class ArchitectureTests extends ModuleArchitecture {

    private static final String ROOT = "com.themepress.gateway";

    ArchitectureTests() {
        super(ROOT);
    }

    @Test
    void problemAnswersDependOnNoRoute() {
        noClasses().that().resideInAPackage(ROOT + ".problem..").should().dependOnClassesThat().resideInAPackage(ROOT + ".widgets..")
                .check(main);
    }

    @Test
    void edgePolicyLeansOnNoPathThatAppliesIt() {
        // limits, CORS, headers and request ids serve the route table and the widget edge alike
        noClasses().that().resideInAnyPackage(ROOT + ".limits..", ROOT + ".cors..", ROOT + ".exposure..", ROOT + ".requests..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".widgets..")
                .check(main);
    }
}
