package com.themepress.server.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.manifest.Permission;
import com.themepress.model.schema.StrictJson;

class EventPermissionsTests {

    final EventPermissions byManifest = new EventPermissions(new ManifestGrants());

    static AddonManifest addon(String permissions) {
        return new ManifestParser().parse(StrictJson.mapper().readTree("{\"name\":\"shop\",\"version\":\"1.0.0\","
                + "\"events\":{\"publishes\":[\"order.*\"],\"subscribes\":[\"payment.*\"]},\"permissions\":[" + permissions + "]}"));
    }

    @Test
    void anAddonPublishesTheTypesItDeclaresWhenItHoldsThePermission() {
        AddonManifest shop = addon("\"events.publish\"");
        assertThat(byManifest.refusePublish(shop, "order.placed", "site-1")).isEmpty();
        assertThat(byManifest.refusePublish(shop, "payment.completed", "site-1")).get().asString().contains("events.publishes");
    }

    @Test
    void withoutThePermissionNothingIsPublishedOrReceived() {
        AddonManifest shop = addon("");
        assertThat(byManifest.refusePublish(shop, "order.placed", null)).get().asString().contains("events.publish");
        assertThat(byManifest.mayReceive(shop, "payment.completed", null)).isFalse();
        assertThat(byManifest.isSubscriber(shop)).isFalse();
    }

    @Test
    void anAddonReceivesOnlyTheTypesItSubscribesTo() {
        AddonManifest shop = addon("\"events.subscribe\"");
        assertThat(byManifest.mayReceive(shop, "payment.completed", "site-1")).isTrue();
        assertThat(byManifest.mayReceive(shop, "order.placed", "site-1")).isFalse();
        assertThat(byManifest.isSubscriber(shop)).isTrue();
    }

    @Test
    void theGrantSourceDecidesPerSite() {
        GrantSource onlySiteOne = (addon, permission, site) -> addon.requests(permission) && "site-1".equals(site);
        EventPermissions perSite = new EventPermissions(onlySiteOne);
        AddonManifest shop = addon("\"events.publish\",\"events.subscribe\"");
        assertThat(perSite.mayReceive(shop, "payment.completed", "site-1")).isTrue();
        assertThat(perSite.mayReceive(shop, "payment.completed", "site-2")).isFalse();
        assertThat(perSite.refusePublish(shop, "order.placed", "site-2")).get().asString()
                .contains(Permission.EVENTS_PUBLISH.id());
    }
}
