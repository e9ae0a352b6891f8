package com.themepress.server.permissions;

import static com.themepress.server.permissions.EventPermissionsTests.addon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

class DeploymentsTests {

    @Test
    void aManifestThatAsksForNetworkOutboundGetsARouteOutWhenTheGrantHoldsIt() {
        AddonManifest shop = addon("\"network.outbound\"");

        assertThat(deployments(new ManifestGrants()).request(shop).networkOutbound()).isTrue();
    }

    @Test
    void theGrantNotTheManifestDecidesTheRouteOut() {
        AddonManifest shop = addon("\"network.outbound\"");
        GrantSource deniesEverything = (addon, permission, site) -> false;

        assertThat(deployments(deniesEverything).request(shop).networkOutbound()).isFalse();
        String body = new String(deployments(deniesEverything).target(shop).deployment().get(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(StrictJson.mapper().readTree(body).path("networkOutbound").asBoolean()).isFalse();
    }

    @Test
    void aManifestThatDoesNotAskHasNoRouteOut() {
        assertThat(deployments(new ManifestGrants()).request(addon("")).networkOutbound()).isFalse();
        assertThat(new ManifestGrants().holds(addon(""), Permission.NETWORK_OUTBOUND, null)).isFalse();
    }

    @Test
    void aVersionStoredWithAnInternalImageIsNotDeployed() {
        AddonManifest stored = ImagePolicyTests.manifest("probe", "themepress/jre-base:17");

        assertThatThrownBy(() -> deployments(new ManifestGrants()).request(stored))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.IMAGE_NOT_ALLOWED));
        assertThatThrownBy(() -> deployments(new ManifestGrants()).target(stored).deployment().get())
                .isInstanceOf(PlatformException.class);
    }

    static Deployments deployments(GrantSource grants) {
        return new Deployments(grants, new ImagePolicy(ImagePolicyTests.defaults()), (addon, version) -> java.util.Optional.empty());
    }
}
