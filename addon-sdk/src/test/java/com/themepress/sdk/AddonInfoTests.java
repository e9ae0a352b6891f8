package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AddonInfoTests {

    @Test
    void thePlatformsEnvironmentWins() {
        AddonInfo info = AddonInfo.from(Map.of("ADDON_NAME", "shop", "ADDON_VERSION", "2.0.0", "INSTANCE_ID", "i-1",
                "ADDON_CONFIG", "{\"currency\":\"EUR\"}"), "fallback", "0.0.0");

        assertThat(info).isEqualTo(new AddonInfo("shop", "2.0.0", "i-1", Json.object("currency", "EUR")));
    }

    @Test
    void localRunsFallBackToTheBuilderAndTheHostName() {
        AddonInfo info = AddonInfo.from(Map.of("HOSTNAME", "box"), "shop", "1.0.0");

        assertThat(info).isEqualTo(new AddonInfo("shop", "1.0.0", "box", Json.object()));
    }

    @Test
    void withoutAnyIdAnInstanceGetsARandomOne() {
        assertThat(AddonInfo.from(Map.of(), "shop", "1.0.0").instanceId()).startsWith("local-");
    }

    @Test
    void aMalformedConfigStopsTheStart() {
        assertThatThrownBy(() -> AddonInfo.from(Map.of("ADDON_CONFIG", "{oops"), "a", "1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ADDON_CONFIG is not valid JSON");
        assertThatThrownBy(() -> AddonInfo.from(Map.of("ADDON_CONFIG", "[1]"), "a", "1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be a JSON object");
    }
}
