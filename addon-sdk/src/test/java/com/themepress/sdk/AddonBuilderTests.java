package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddonBuilderTests {

    @Test
    void namesAreSlugsSoATypoFailsAtStartUp() {
        assertThatThrownBy(() -> Addon.builder().endpoint("Process Payment", call -> Result.ok()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint name 'Process Payment'");
    }

    @Test
    void aNameIsRegisteredOnce() {
        Addon.Builder builder = Addon.builder().widget("form", render -> Widget.html(""));

        assertThatThrownBy(() -> builder.widget("form", render -> Widget.html("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void sourcesAreAddonNamesAndAtLeastOne() {
        assertThatThrownBy(() -> Addon.builder().on("payment.completed", List.of(), event -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one addon");
        assertThatThrownBy(() -> Addon.builder().on("payment.completed", List.of("Payment Gateway"), event -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source 'Payment Gateway'");
    }

    @Test
    void anEndpointNameIsTakenOnceWhetherItStreamsOrNot() {
        Addon.Builder builder = Addon.builder().endpoint("export", c -> Result.ok());

        assertThatThrownBy(() -> builder.streamingEndpoint("export", (c, out) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Addon.builder().streamingEndpoint("dump", (c, out) -> { }).endpoint("dump", c -> Result.ok()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void keepsRegistrationOrder() {
        Addon addon = Addon.builder().endpoint("b", c -> Result.ok()).endpoint("a", c -> Result.ok()).build();

        assertThat(addon.endpointNames()).containsExactly("b", "a");
    }

    @Test
    void escapesEverythingThatCouldOpenMarkup() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
