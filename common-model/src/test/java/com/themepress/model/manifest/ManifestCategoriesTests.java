package com.themepress.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestCategoriesTests {

    @Test
    void addonCategoriesAreTheSchemasEnum() {
        assertThat(ManifestCategories.addon())
                .containsExactlyInAnyOrder("ecommerce", "analytics", "marketing", "communication", "utilities");
    }

    @Test
    void widgetCategoriesAreTheSchemasWidgetEnum() {
        assertThat(ManifestCategories.widget()).containsExactlyInAnyOrder("content", "form", "display", "interactive", "layout");
    }
}
