package com.themepress.server.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.manifest.Permission;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.permissions.EventPermissions.Receipt;

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
        assertThat(byManifest.receipt(shop, "payment.completed", "payment-gateway", null)).isEqualTo(Receipt.NOT_SUBSCRIBED);
        assertThat(byManifest.isSubscriber(shop)).isFalse();
    }

    @Test
    void anAddonReceivesOnlyTheTypesItSubscribesTo() {
        AddonManifest shop = addon("\"events.subscribe\"");
        assertThat(byManifest.receipt(shop, "payment.completed", "payment-gateway", "site-1")).isEqualTo(Receipt.DELIVER);
        assertThat(byManifest.receipt(shop, "order.placed", "payment-gateway", "site-1")).isEqualTo(Receipt.NOT_SUBSCRIBED);
        assertThat(byManifest.refuseReceive(shop, "order.placed", "payment-gateway", "site-1")).get().asString()
                .contains("does not subscribe");
        assertThat(byManifest.isSubscriber(shop)).isTrue();
    }

    @Test
    void theGrantSourceDecidesPerSite() {
        GrantSource onlySiteOne = (addon, permission, site) -> addon.requests(permission) && "site-1".equals(site);
        EventPermissions perSite = new EventPermissions(onlySiteOne);
        AddonManifest shop = addon("\"events.publish\",\"events.subscribe\"");
        assertThat(perSite.receipt(shop, "payment.completed", "payment-gateway", "site-1")).isEqualTo(Receipt.DELIVER);
        assertThat(perSite.receipt(shop, "payment.completed", "payment-gateway", "site-2")).isEqualTo(Receipt.NOT_SUBSCRIBED);
        assertThat(perSite.refuseReceive(shop, "payment.completed", "payment-gateway", "site-2")).get().asString()
                .contains(Permission.EVENTS_SUBSCRIBE.id());
        assertThat(perSite.refusePublish(shop, "order.placed", "site-2")).get().asString()
                .contains(Permission.EVENTS_PUBLISH.id());
    }

    static AddonManifest subscriber(String subscribes) {
        return new ManifestParser().parse(StrictJson.mapper().readTree("{\"name\":\"inventory\",\"version\":\"1.0.0\","
                + "\"events\":{\"subscribes\":" + subscribes + "},\"permissions\":[\"events.subscribe\"]}"));
    }

    @Test
    void aSubscriptionThatNamesItsSourcesTakesItsTypeFromThemAlone() {
        AddonManifest inventory = subscriber("[{\"type\":\"payment.*\",\"from\":[\"payment-gateway\",\"backup-gateway\"]}]");

        assertThat(byManifest.receipt(inventory, "payment.completed", "payment-gateway", null)).isEqualTo(Receipt.DELIVER);
        assertThat(byManifest.receipt(inventory, "payment.refunded", "backup-gateway", "site-1")).isEqualTo(Receipt.DELIVER);
        assertThat(byManifest.receipt(inventory, "payment.completed", "fake-gateway", null)).isEqualTo(Receipt.SOURCE_REFUSED);
        assertThat(byManifest.receipt(inventory, "payment.completed", null, null)).isEqualTo(Receipt.SOURCE_REFUSED);
        assertThat(byManifest.refuseReceive(inventory, "payment.completed", "fake-gateway", null)).get().asString()
                .contains("does not accept 'payment.completed' from 'fake-gateway'");
        // another type is not a refused source, just not subscribed
        assertThat(byManifest.receipt(inventory, "order.placed", "payment-gateway", null)).isEqualTo(Receipt.NOT_SUBSCRIBED);
    }

    @Test
    void subscriptionsAddUpSoAPlainPatternReopensItsTypesToEverySource() {
        AddonManifest strictAndOpen = subscriber("[{\"type\":\"payment.completed\",\"from\":[\"payment-gateway\"]},\"order.*\"]");
        AddonManifest reopened = subscriber("[{\"type\":\"payment.completed\",\"from\":[\"payment-gateway\"]},\"payment.*\"]");

        assertThat(byManifest.receipt(strictAndOpen, "order.placed", "anyone", null)).isEqualTo(Receipt.DELIVER);
        assertThat(byManifest.receipt(strictAndOpen, "payment.completed", "anyone", null)).isEqualTo(Receipt.SOURCE_REFUSED);
        assertThat(byManifest.receipt(reopened, "payment.completed", "anyone", null)).isEqualTo(Receipt.DELIVER);
    }

    @Test
    void withoutThePermissionANamedSourceGetsNothingEither() {
        AddonManifest unpermitted = new ManifestParser().parse(StrictJson.mapper().readTree("{\"name\":\"inventory\",\"version\":\"1.0.0\","
                + "\"events\":{\"subscribes\":[{\"type\":\"payment.completed\",\"from\":[\"payment-gateway\"]}]}}"));

        assertThat(byManifest.receipt(unpermitted, "payment.completed", "payment-gateway", null)).isEqualTo(Receipt.NOT_SUBSCRIBED);
        assertThat(byManifest.isSubscriber(unpermitted)).isFalse();
    }
}
