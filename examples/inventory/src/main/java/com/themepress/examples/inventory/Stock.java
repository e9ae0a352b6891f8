package com.themepress.examples.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.ProblemException;

/**
 * Stock counts of this instance. Reads are lock-free (the widgets render from the concurrent
 * map); every change takes the one lock, because a reservation must check and take several skus
 * as one step, and a single-sku change slipping in between could drive a count below zero.
 */
final class Stock {

    /** Used when ADDON_CONFIG has no initialStock, so the demo shows something at once. */
    static final Map<String, Integer> DEMO = Map.of("tshirt-m", 25, "mug", 40, "poster", 3, "sticker-pack", 120);

    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, List<Line>> reservations = new LinkedHashMap<>();
    private final Map<String, Boolean> seenEvents = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000; // remembers enough ids to absorb redeliveries, without growing forever
        }
    });
    private final int lowStockThreshold;

    Stock(Map<String, Integer> initial, int lowStockThreshold) {
        this.counts.putAll(initial);
        this.lowStockThreshold = lowStockThreshold;
    }

    /** From ADDON_CONFIG: {@code {"initialStock": {"mug": 10}, "lowStockThreshold": 5}}. */
    static Stock fromConfig(JsonNode config) {
        Map<String, Integer> initial = new LinkedHashMap<>();
        config.path("initialStock").properties().forEach(entry -> {
            if (!entry.getValue().canConvertToInt() || entry.getValue().intValue() < 0) {
                throw new IllegalStateException("ADDON_CONFIG initialStock." + entry.getKey() + " must be a count >= 0");
            }
            initial.put(entry.getKey(), entry.getValue().intValue());
        });
        return new Stock(initial.isEmpty() ? DEMO : initial, config.path("lowStockThreshold").asInt(5));
    }

    int lowStockThreshold() {
        return lowStockThreshold;
    }

    OptionalInt available(String sku) {
        Integer count = counts.get(sku);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    int require(String sku) {
        return available(sku).orElseThrow(() -> new ProblemException(404, "sku '" + sku + "' is not in the inventory"));
    }

    /** All counts, sorted by sku. */
    Map<String, Integer> snapshot() {
        return new TreeMap<>(counts);
    }

    /** Sets a count, adding the sku when it is new. */
    synchronized Change set(String sku, int quantity) {
        return new Change(sku, counts.put(sku, quantity), quantity);
    }

    synchronized Change adjust(String sku, int delta) {
        int now = require(sku);
        if (now + delta < 0) {
            throw new ProblemException(409, "sku '" + sku + "' has " + now + "; it cannot go down by " + -delta);
        }
        counts.put(sku, now + delta);
        return new Change(sku, now, now + delta);
    }

    /** Takes every line or none; 409 naming each short sku. */
    synchronized Reservation reserve(List<Line> lines) {
        List<String> shortages = new ArrayList<>();
        for (Line line : lines) {
            int available = require(line.sku());
            if (available < line.quantity()) {
                shortages.add(line.sku() + ": requested " + line.quantity() + ", available " + available);
            }
        }
        if (!shortages.isEmpty()) {
            throw new ProblemException(409, "not enough stock (" + String.join("; ", shortages) + ")");
        }
        List<Change> changes = new ArrayList<>();
        for (Line line : lines) {
            int before = counts.get(line.sku());
            counts.put(line.sku(), before - line.quantity());
            changes.add(new Change(line.sku(), before, before - line.quantity()));
        }
        String id = "res_" + UUID.randomUUID().toString().replace("-", "");
        reservations.put(id, List.copyOf(lines));
        return new Reservation(id, changes);
    }

    /** Gives a reservation's items back; 404 when it is unknown (or already settled). */
    synchronized List<Line> release(String reservationId) {
        List<Line> lines = reservations.remove(reservationId);
        if (lines == null) {
            throw new ProblemException(404, "reservation '" + reservationId + "' is not open");
        }
        lines.forEach(line -> counts.merge(line.sku(), line.quantity(), Integer::sum));
        return lines;
    }

    /**
     * Settles a sale. A sale of a reservation only closes it (its stock was taken when reserving);
     * a sale without one takes its items now, as far as there are any, since the money has
     * already been taken and refusing the event would only make the platform retry it.
     */
    synchronized void sell(String eventId, @Nullable String reservationId, List<Line> lines) {
        if (seenEvents.put(eventId, Boolean.TRUE) != null) {
            return; // delivery is at-least-once: this event was already applied
        }
        if (reservationId != null && reservations.remove(reservationId) != null) {
            return;
        }
        for (Line line : lines) {
            counts.computeIfPresent(line.sku(), (sku, count) -> Math.max(0, count - line.quantity()));
        }
    }

    /** Whether this change is the one that made the sku run low (a new sku counts as not low before). */
    boolean becameLow(Change change) {
        boolean wasLow = change.before() != null && change.before() <= lowStockThreshold;
        return !wasLow && change.after() <= lowStockThreshold;
    }

    /** One sku's count before and after a change; {@code before} is null for a new sku. */
    record Change(String sku, @Nullable Integer before, int after) {
    }

    record Reservation(String id, List<Change> changes) {
    }
}
