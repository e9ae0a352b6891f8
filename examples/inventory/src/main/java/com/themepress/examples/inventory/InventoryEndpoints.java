package com.themepress.examples.inventory;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/** The inventory's endpoints and its {@code payment.completed} subscription. */
final class InventoryEndpoints {

    private final Stock base;

    InventoryEndpoints(Stock stock) {
        this.base = stock;
    }

    /** {@code {sku, quantity}} sets the count; {@code {sku, delta}} changes it (409 below zero). */
    Result updateStock(Call call) {
        Stock stock = base.forCall(call.site().orElse(null), call.host());
        String sku = call.text("sku");
        boolean absolute = !call.field("quantity").isMissingNode();
        if (absolute == !call.field("delta").isMissingNode()) {
            throw new ProblemException(400, "give exactly one of /quantity (the new count) or /delta (the change)");
        }
        Stock.Change change;
        if (absolute) {
            long quantity = call.integer("quantity");
            if (quantity < 0 || quantity > Line.MAX_QUANTITY) {
                throw new ProblemException(400, "/quantity must be from 0 to " + Line.MAX_QUANTITY);
            }
            change = stock.set(sku, (int) quantity);
        } else {
            long delta = call.integer("delta");
            if (delta == 0 || Math.abs(delta) > Line.MAX_QUANTITY) {
                throw new ProblemException(400, "/delta must be a non-zero integer of at most " + Line.MAX_QUANTITY);
            }
            change = stock.adjust(sku, (int) delta);
        }
        Result result = Result.ok(Json.object("sku", sku, "available", change.after()));
        return stock.becameLow(change) ? result.emit("inventory.low-stock", lowStock(stock, change)) : result;
    }

    /** One sku ({@code {sku, quantity}}) or a cart ({@code {items: [...]}}). */
    Result checkAvailability(Call call) {
        Stock stock = base.forCall(call.site().orElse(null), call.host());
        if (!call.field("items").isMissingNode()) {
            ArrayNode lines = Json.array();
            boolean all = true;
            for (Line line : Line.parse(call.field("items"), "/items")) {
                int available = stock.require(line.sku());
                all &= available >= line.quantity();
                lines.add(availability(line.sku(), line.quantity(), available));
            }
            return Result.ok(Json.object("inStock", all, "items", lines));
        }
        String sku = call.text("sku");
        long requested = call.integer("quantity", 1);
        if (requested < 1) {
            throw new ProblemException(400, "/quantity must be at least 1");
        }
        return Result.ok(availability(sku, requested, stock.require(sku)));
    }

    /** All or nothing: 409 when any line asks for more than is available. */
    Result reserveItems(Call call) {
        Stock stock = base.forCall(call.site().orElse(null), call.host());
        List<Line> lines = Line.parse(call.field("items"), "/items");
        Stock.Reservation reservation = stock.reserve(lines);
        var remaining = Json.object();
        reservation.changes().forEach(change -> remaining.put(change.sku(), change.after()));
        Result result = Result.ok(Json.object("reservationId", reservation.id(), "items", Line.toJson(lines),
                "remaining", remaining));
        for (Stock.Change change : reservation.changes()) {
            if (stock.becameLow(change)) {
                result = result.emit("inventory.low-stock", lowStock(stock, change));
            }
        }
        return result;
    }

    Result releaseReservation(Call call) {
        Stock stock = base.forCall(call.site().orElse(null), call.host());
        List<Line> lines = stock.release(call.text("reservationId"));
        return Result.ok(Json.object("released", Line.toJson(lines), "remaining", remaining(stock, lines)));
    }

    /**
     * A completed payment settles its reservation or takes its items. Items it cannot read are
     * skipped rather than failing the delivery: a retry would not make them readable.
     */
    void onPaymentCompleted(Event event) {
        JsonNode data = event.data();
        List<Line> lines = List.of();
        try {
            if (data.path("items").isArray() && !data.path("items").isEmpty()) {
                lines = Line.parse(data.path("items"), "/data/items");
            }
        } catch (ProblemException unreadable) {
            System.err.println("payment.completed " + event.id() + ": items ignored: " + unreadable.getMessage());
        }
        String reservationId = data.path("reservationId").isString() ? data.path("reservationId").stringValue() : null;
        base.forCall(event.site(), event.host()).sell(event.id(), reservationId, lines);
    }

    private static JsonNode remaining(Stock stock, List<Line> lines) {
        var remaining = Json.object();
        lines.forEach(line -> remaining.put(line.sku(), stock.available(line.sku()).orElse(0)));
        return remaining;
    }

    private static JsonNode lowStock(Stock stock, Stock.Change change) {
        return Json.object("sku", change.sku(), "available", change.after(), "threshold", stock.lowStockThreshold());
    }

    private static JsonNode availability(String sku, long requested, int available) {
        return Json.object("sku", sku, "requested", requested, "available", available, "inStock", available >= requested);
    }
}
