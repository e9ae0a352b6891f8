package com.themepress.examples.inventory;

import static com.themepress.sdk.Html.escape;

import java.util.Map;
import java.util.OptionalInt;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

/** The inventory's widgets, rendered from the site's counts (no script: they are static). */
final class InventoryWidgets {

    private static final String CSS = """
            .tp-inv{font:15px/1.4 system-ui,sans-serif}
            .tp-inv-badge{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-weight:600;background:#dafbe1;color:#1a7f37}
            .tp-inv-badge[data-level=low]{background:#fff8c5;color:#7d4e00}
            .tp-inv-badge[data-level=out],.tp-inv-badge[data-level=unknown]{background:#ffebe9;color:#cf222e}
            .tp-inv-alert{padding:.75rem 1rem;border-left:4px solid #bf8700;background:#fff8c5}
            .tp-inv-alert h3,.tp-inv-table caption{margin:0 0 .5rem;font-weight:700;text-align:left}
            .tp-inv-alert ul{margin:0;padding-left:1.2rem}
            .tp-inv-table{border-collapse:collapse;min-width:16rem}
            .tp-inv-table th,.tp-inv-table td{padding:.3rem .6rem;border-bottom:1px solid #d0d7de;text-align:left}
            .tp-inv-table td:last-child{text-align:right}
            .tp-inv-table tr[data-low] td{background:#fff8c5}
            """;

    private final Stock base;

    InventoryWidgets(Stock stock) {
        this.base = stock;
    }

    /** The render's site's stock (its context names the site), else this instance's own. */
    private Stock stockFor(Render render) {
        JsonNode site = render.context().path("site");
        return base.forCall(site.isString() ? site.asString() : null, render.host());
    }

    Widget stockDisplay(Render render) {
        Stock stock = stockFor(render);
        String sku = render.text("sku", "");
        long threshold = render.integer("lowStockThreshold", stock.lowStockThreshold());
        OptionalInt count = sku.isEmpty() ? OptionalInt.empty() : stock.available(sku);
        String level;
        String text;
        if (count.isEmpty()) {
            level = "unknown";
            text = "Unavailable";
        } else if (count.getAsInt() == 0) {
            level = "out";
            text = "Out of stock";
        } else if (count.getAsInt() <= threshold) {
            level = "low";
            text = "Only " + count.getAsInt() + " left";
        } else {
            level = "ok";
            text = render.bool("showCount", true) ? "In stock (" + count.getAsInt() + ")" : "In stock";
        }
        String html = "<p class=\"tp-inv\"><span class=\"tp-inv-badge\" data-sku=\"" + escape(sku) + "\" data-level=\""
                + level + "\">" + escape(text) + "</span></p>";
        return Widget.of(html, CSS, "");
    }

    Widget lowStockAlert(Render render) {
        Stock stock = stockFor(render);
        long threshold = render.integer("threshold", stock.lowStockThreshold());
        StringBuilder items = new StringBuilder();
        stock.snapshot().forEach((sku, count) -> {
            if (count <= threshold) {
                items.append("<li><strong>").append(escape(sku)).append("</strong>: ")
                        .append(count == 0 ? "out of stock" : count + " left").append("</li>");
            }
        });
        String body = items.length() == 0 ? "<p>All products are well stocked.</p>" : "<ul>" + items + "</ul>";
        String html = "<div class=\"tp-inv tp-inv-alert\" role=\"status\"><h3>" + escape(render.text("title", "Low stock"))
                + "</h3>" + body + "</div>";
        return Widget.of(html, CSS, "");
    }

    Widget inventoryTable(Render render) {
        Stock stock = stockFor(render);
        long highlightBelow = render.integer("highlightBelow", stock.lowStockThreshold());
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Integer> entry : stock.snapshot().entrySet()) {
            rows.append("<tr").append(entry.getValue() <= highlightBelow ? " data-low" : "").append("><td>")
                    .append(escape(entry.getKey())).append("</td><td>").append(entry.getValue()).append("</td></tr>");
        }
        String html = "<table class=\"tp-inv tp-inv-table\"><caption>" + escape(render.text("title", "Inventory"))
                + "</caption><thead><tr><th scope=\"col\">SKU</th><th scope=\"col\">Available</th></tr></thead><tbody>"
                + rows + "</tbody></table>";
        return Widget.of(html, CSS, "");
    }
}
