package com.themepress.server.permissions;

import static com.themepress.server.permissions.EventPermissionsTests.addon;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.schema.StrictJson;

class DeploymentsTests {

    @Test
    void aManifestThatAsksForNetworkOutboundGetsARouteOutWhenTheGrantHoldsIt() {
        AddonManifest shop = addon("\"network.outbound\"");

        assertThat(new Deployments(new ManifestGrants()).request(shop).networkOutbound()).isTrue();
    }

    @Test
    void theGrantNotTheManifestDecidesTheRouteOut() {
        AddonManifest shop = addon("\"network.outbound\"");
        GrantSource deniesEverything = (addon, permission, site) -> false;

        assertThat(new Deployments(deniesEverything).request(shop).networkOutbound()).isFalse();
        String body = new String(new Deployments(deniesEverything).target(shop).deployment().get(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(StrictJson.mapper().readTree(body).path("networkOutbound").asBoolean()).isFalse();
    }

    @Test
    void aManifestThatDoesNotAskHasNoRouteOut() {
        assertThat(new Deployments(new ManifestGrants()).request(addon("")).networkOutbound()).isFalse();
        assertThat(new ManifestGrants().holds(addon(""), Permission.NETWORK_OUTBOUND, null)).isFalse();
    }
}
