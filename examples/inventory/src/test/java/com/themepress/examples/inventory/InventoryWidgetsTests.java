package com.themepress.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.themepress.sdk.Json;
import com.themepress.sdk.Render;

class InventoryWidgetsTests {

    final InventoryWidgets widgets = new InventoryWidgets(new Stock(Map.of("mug", 10, "poster", 3, "lamp", 0), 5));

    @ParameterizedTest
    @CsvSource({
            "mug,    ok,      In stock (10)",
            "poster, low,     Only 3 left",
            "lamp,   out,     Out of stock",
            "nope,   unknown, Unavailable",
    })
    void stockDisplayShowsTheLevel(String sku, String level, String text) {
        String html = widgets.stockDisplay(render("{\"sku\":\"" + sku + "\"}")).html();

        assertThat(html).contains("data-level=\"" + level + "\"", ">" + text + "<");
    }

    @Test
    void lowStockAlertListsWhatIsAtOrBelowTheThreshold() {
        String html = widgets.lowStockAlert(render("{\"threshold\":3}")).html();

        assertThat(html).contains("<strong>poster</strong>: 3 left", "<strong>lamp</strong>: out of stock").doesNotContain("mug");
        assertThat(widgets.lowStockAlert(render("{\"threshold\":-1}")).html()).contains("All products are well stocked.");
    }

    @Test
    void inventoryTableHasARowPerSkuWithLowOnesMarked() {
        String html = widgets.inventoryTable(render("{\"title\":\"<Stock>\"}")).html();

        assertThat(html).contains("<caption>&lt;Stock&gt;</caption>", "<tr><td>mug</td><td>10</td></tr>",
                "<tr data-low><td>poster</td><td>3</td></tr>");
        assertThat(html.indexOf("lamp")).isLessThan(html.indexOf("mug")); // sorted by sku
    }

    static Render render(String config) {
        return new Render("w", Json.parse(config), Json.object(), InventoryEndpointsTests.INFO);
    }
}
