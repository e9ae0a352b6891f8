package com.themepress.examples.inventory;

import java.util.List;

import com.themepress.sdk.Addon;
import com.themepress.sdk.AddonInfo;

/**
 * A demo inventory: stock counts per sku in the site's addon storage (seeded from {@code ADDON_CONFIG.initialStock},
 * else demo products), reservations that are all-or-nothing, and stock taken when a
 * {@code payment.completed} event names the items sold. Only payment-gateway's word takes stock: the
 * manifest's subscription names it, and the handler checks again.
 */
public final class InventoryAddon {

    private InventoryAddon() {
    }

    public static void main(String[] args) {
        AddonInfo info = AddonInfo.from(System.getenv(), "inventory", "1.0.0");
        addon(Stock.fromConfig(info.config())).start();
    }

    static Addon addon(Stock stock) {
        InventoryEndpoints endpoints = new InventoryEndpoints(stock);
        InventoryWidgets widgets = new InventoryWidgets(stock);
        return Addon.builder()
                .name("inventory")
                .version("1.0.0")
                .endpoint("update-stock", endpoints::updateStock)
                .endpoint("check-availability", endpoints::checkAvailability)
                .endpoint("reserve-items", endpoints::reserveItems)
                .endpoint("release-reservation", endpoints::releaseReservation)
                .widget("stock-display", widgets::stockDisplay)
                .widget("low-stock-alert", widgets::lowStockAlert)
                .widget("inventory-table", widgets::inventoryTable)
                .on("payment.completed", List.of("payment-gateway"), endpoints::onPaymentCompleted)
                .build();
    }
}
