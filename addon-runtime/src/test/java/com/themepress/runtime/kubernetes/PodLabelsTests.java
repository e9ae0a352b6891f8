package com.themepress.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.themepress.runtime.pool.DeploymentKey;

/** Names and label values that Kubernetes accepts, whatever the addon's version or the runtime id look like. */
class PodLabelsTests {

    @Test
    void aVersionWithCharactersALabelRefusesIsMadeALabelValueAndKeptWholeInTheAnnotations() {
        DeploymentKey key = new DeploymentKey("shop", "1.0.0-rc.1+build.5");

        assertThat(PodLabels.labels("runtime-0", key, "abc", false)).containsEntry("themepress.version", "1.0.0-rc.1_build.5");
        assertThat(PodLabels.annotations(key, "f".repeat(64), Optional.empty())).containsEntry("themepress.version", "1.0.0-rc.1+build.5")
                .containsEntry("themepress.spec", "f".repeat(64));
    }

    @Test
    void aLabelValueIsCutTo63AndEndsAlphanumeric() {
        assertThat(PodLabels.value("a".repeat(62) + "-b")).isEqualTo("a".repeat(62));
        assertThat(PodLabels.value("-x-")).isEqualTo("x");
        assertThat(PodLabels.isValue("addon-runtime-0")).isTrue();
        assertThat(PodLabels.isValue("Local_Runtime.1")).isTrue();
        assertThat(PodLabels.isValue("_local")).isFalse();
        assertThat(PodLabels.isValue("r".repeat(64))).isFalse();
    }

    @Test
    void podNamesAreLowerCaseDnsNames() {
        assertThat(PodLabels.podName("Local_Runtime", new DeploymentKey("shop", "1.0.0"), "0a1b2c3d4e5f"))
                .isEqualTo("tp-local-runtime-shop-0a1b2c3d4e5f")
                .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }
}
