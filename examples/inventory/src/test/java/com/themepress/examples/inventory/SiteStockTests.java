package com.themepress.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;

/**
 * Issue 16: the stock of a site lives in the site's storage, so two instances serving it see one set
 * of counts, the seed happens once, and an event redelivered to the other instance takes stock once.
 */
class SiteStockTests {

    static final AddonInfo INFO = new AddonInfo("inventory", "1.0.0", "test-1", Json.object());

    final InMemoryHostApi shop = new InMemoryHostApi();
    final InventoryEndpoints first = new InventoryEndpoints(new Stock(Map.of("mug", 10), 2));
    final InventoryEndpoints second = new InventoryEndpoints(new Stock(Map.of("mug", 10), 2));

    @Test
    void twoInstancesShareTheSitesCountsSeededOnce() {
        assertThat(first.updateStock(call("{\"sku\":\"mug\",\"delta\":-3}")).json().path("available").intValue()).isEqualTo(7);
        assertThat(second.checkAvailability(call("{\"sku\":\"mug\"}")).json().path("available").intValue()).isEqualTo(7);
        assertThat(shop.storage().get("stock", "mug").orElseThrow().version()).as("seeded once, changed once").isEqualTo(2);
    }

    @Test
    void aPaymentRedeliveredToTheOtherInstanceTakesStockOnce() {
        Event paid = new Event("e-1", "payment.completed", "payment-gateway", null, "shop",
                Json.parse("{\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}"), shop);
        first.onPaymentCompleted(paid);
        second.onPaymentCompleted(paid);
        assertThat(shop.storage().get("stock", "mug").orElseThrow().data().path("qty").asInt()).isEqualTo(8);
    }

    @Test
    void aReservationMadeOnOneInstanceIsReleasedOnTheOther() {
        String id = first.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":4}]}")).json().path("reservationId").asString();
        assertThat(second.checkAvailability(call("{\"sku\":\"mug\"}")).json().path("available").intValue()).isEqualTo(6);
        second.releaseReservation(call("{\"reservationId\":\"" + id + "\"}"));
        assertThat(first.checkAvailability(call("{\"sku\":\"mug\"}")).json().path("available").intValue()).isEqualTo(10);
    }

    private Call call(String json) {
        return new Call("test", Json.parse(json), INFO, Optional.of("shop"), Json.object(), shop);
    }
}
