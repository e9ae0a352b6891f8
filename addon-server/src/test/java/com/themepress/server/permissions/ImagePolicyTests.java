package com.themepress.server.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

class ImagePolicyTests {

    final ImagePolicy defaults = new ImagePolicy(defaults());

    /** The settings as shipped (the record's defaults, spelled out once here for unit tests). */
    static ImageProperties defaults() {
        return new ImageProperties("", List.of("themepress/jre-base", "themepress/addon-hostile-test-addon"), null);
    }

    static AddonManifest manifest(String name, @Nullable String image) {
        String json = image == null ? "{\"name\":\"%s\",\"version\":\"1.0.0\"}".formatted(name)
                : "{\"name\":\"%s\",\"version\":\"1.0.0\",\"image\":\"%s\"}".formatted(name, image);
        return new ManifestParser().parse(StrictJson.mapper().readTree(json));
    }

    @Test
    void aDeveloperRunsImagesOfItsOwnNamespace() {
        assertThat(defaults.refuseRegistration(manifest("shop", "alice/shop:1.0.0"), "alice")).isEmpty();
        assertThat(defaults.refuseRegistration(manifest("shop", "alice/tools/shop@sha256:" + "a".repeat(64)), "alice")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob/shop:1.0.0", "docker.io/bob/shop:1.0.0", "alicex/shop:1", "alice:1.0", "redis:7", "ghcr.io/alice/shop:1"})
    void anotherDevelopersImageIsRefused(String image) {
        assertThat(defaults.refuseRegistration(manifest("shop", image), "alice")).get().asString().contains("outside your namespace alice/");
    }

    @Test
    void theExampleImagesBelongToTheExamplesDeveloperOnly() {
        for (String example : List.of("payment-gateway", "inventory", "email-marketing")) {
            String image = "themepress/addon-" + example + ":1.0.0";
            assertThat(defaults.refuseRegistration(manifest(example, image), ImageProperties.EXAMPLES_DEVELOPER)).isEmpty();
            assertThat(defaults.refuseRegistration(manifest("my-" + example, image), "mallory")).get().asString()
                    .contains("belongs to another developer");
        }
        // Taking the name first and leaving the image out would start the example's image by convention.
        assertThat(defaults.refuseRegistration(manifest("payment-gateway", null), "mallory")).get().asString()
                .contains("the default for a manifest without \"image\"").contains("belongs to another developer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"themepress/jre-base:17", "docker.io/themepress/jre-base:17", "index.docker.io/themepress/jre-base",
            "themepress/jre-base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "themepress/addon-hostile-test-addon:1.0.0"})
    void platformInternalImagesAreRefusedToEveryone(String image) {
        for (String developer : List.of("alice", "themepress", ImageProperties.EXAMPLES_DEVELOPER)) {
            assertThat(defaults.refuseRegistration(manifest("probe", image), developer)).get().asString()
                    .contains("one of the platform's own images");
        }
        assertThatThrownBy(() -> defaults.requireDeployable(manifest("probe", image)))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.IMAGE_NOT_ALLOWED));
    }

    @Test
    void theHostileTestAddonCannotBeRegisteredByLeavingItsImageOut() {
        assertThat(defaults.refuseRegistration(manifest("hostile-test-addon", null), "alice")).get().asString()
                .contains("one of the platform's own images");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789ab", "cafe"})
    void anImageIdIsRefusedBecauseItNamesNoOwner(String image) {
        assertThat(defaults.refuseRegistration(manifest("shop", image), "alice")).get().asString().contains("image id");
    }

    @Test
    void anAddonRunsItsOwnConventionalImageButNoOtherAddons() {
        assertThat(defaults.refuseRegistration(manifest("shop", null), "alice")).isEmpty();
        assertThat(defaults.refuseRegistration(manifest("shop", "themepress/addon-shop:2.0.0"), "alice")).isEmpty();
        assertThat(defaults.refuseRegistration(manifest("shop", "themepress/addon-cart:1.0.0"), "alice")).isPresent();
        // A developer called "themepress" gets no default namespace over the platform's images.
        assertThat(defaults.refuseRegistration(manifest("shop", "themepress/addon-cart:1.0.0"), "themepress")).isPresent();
        assertThat(defaults.refuseRegistration(manifest("shop", "themepress/anything:1"), "themepress")).isPresent();
    }

    @Test
    void aMappingReplacesTheDefaultNamespace() {
        ImagePolicy policy = new ImagePolicy(new ImageProperties("", List.of("themepress/jre-base"),
                Map.of("acme", List.of("registry.acme.io/shop/", "acme-legacy/cart"))));

        assertThat(policy.refuseRegistration(manifest("shop", "registry.acme.io/shop/web:3"), "acme")).isEmpty();
        assertThat(policy.refuseRegistration(manifest("cart", "acme-legacy/cart:1"), "acme")).isEmpty();
        assertThat(policy.refuseRegistration(manifest("shop", "acme/shop:1"), "acme")).get().asString()
                .contains("outside your image repositories");
        assertThat(policy.refuseRegistration(manifest("cart", "acme-legacy/cart-two:1"), "acme")).isPresent();
        assertThat(policy.refuseRegistration(manifest("shop", "registry.acme.io/shop/web:3"), "bob")).get().asString()
                .contains("belongs to another developer");
        // The examples' mapping stays unless the operator names that developer.
        assertThat(policy.refuseRegistration(manifest("inventory", "themepress/addon-inventory:1.0.0"), ImageProperties.EXAMPLES_DEVELOPER))
                .isEmpty();
    }

    @Test
    void theDefaultNamespaceLivesOnTheConfiguredRegistry() {
        ImagePolicy policy = new ImagePolicy(new ImageProperties("registry.example.com:5000", List.of(), null));

        assertThat(policy.refuseRegistration(manifest("shop", "registry.example.com:5000/alice/shop:1"), "alice")).isEmpty();
        assertThat(policy.refuseRegistration(manifest("shop", "alice/shop:1"), "alice")).get().asString()
                .contains("registry.example.com:5000/alice/");
    }

    @Test
    void aTestRigMayAllowTheHostileTestAddonExplicitly() {
        ImagePolicy rig = new ImagePolicy(new ImageProperties("", List.of("themepress/jre-base"),
                Map.of("chain-tests", List.of("themepress/addon-hostile-test-addon"))));

        assertThat(rig.refuseRegistration(manifest("hostile-test-addon", "themepress/addon-hostile-test-addon:1.0.0"), "chain-tests")).isEmpty();
        assertThat(rig.refuseRegistration(manifest("hostile-test-addon", null), "someone-else")).isPresent();
        assertThat(rig.refuseRegistration(manifest("probe", "themepress/jre-base:17"), "chain-tests")).isPresent();
    }
}
