package com.themepress.examples.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.HostApi;
import com.themepress.sdk.HostApiException;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Storage;
import com.themepress.sdk.StorageQuery;
import com.themepress.sdk.StoredDocument;

/**
 * Stock counts in addon storage (collection {@code stock}, one document per sku), so every instance
 * serving a site sees the same counts and they outlive the instances. There are no transactions:
 * each count changes by an optimistic write over the version read, retried when another instance
 * wrote first, and a reservation that finds a line short gives back what it took. Calls of no site
 * (a developer testing) use this instance's own in-memory storage, seeded at once.
 */
final class Stock {

    /** Used when ADDON_CONFIG has no initialStock, so the demo shows something at once. */
    static final Map<String, Integer> DEMO = Map.of("tshirt-m", 25, "mug", 40, "poster", 3, "sticker-pack", 120);
    private static final int ATTEMPTS = 8;
    /** Bounds an instance's own memory for calls of no site (skus, reservations, applied events together). */
    static final int LOCAL_DOCUMENTS = 20_000;

    private final Storage storage;
    private final Map<String, Integer> initial;
    private final int lowStockThreshold;
    /** Sites this instance has seen seeded, so it asks once per site. */
    private final Set<String> seeded;

    Stock(Map<String, Integer> initial, int lowStockThreshold) {
        this(new InMemoryHostApi(LOCAL_DOCUMENTS).storage(), initial, lowStockThreshold, ConcurrentHashMap.newKeySet());
        initial.forEach((sku, count) -> storage.put("stock", sku, Json.object("qty", count)));
    }

    private Stock(Storage storage, Map<String, Integer> initial, int lowStockThreshold, Set<String> seeded) {
        this.storage = storage;
        this.initial = Map.copyOf(initial);
        this.lowStockThreshold = lowStockThreshold;
        this.seeded = seeded;
    }

    /** From ADDON_CONFIG: {@code {"initialStock": {"mug": 10}, "lowStockThreshold": 5}}. */
    static Stock fromConfig(JsonNode config) {
        Map<String, Integer> initial = new TreeMap<>();
        config.path("initialStock").properties().forEach(entry -> {
            if (!entry.getValue().canConvertToInt() || entry.getValue().intValue() < 0) {
                throw new IllegalStateException("ADDON_CONFIG initialStock." + entry.getKey() + " must be a count >= 0");
            }
            initial.put(entry.getKey(), entry.getValue().intValue());
        });
        return new Stock(initial.isEmpty() ? DEMO : initial, config.path("lowStockThreshold").asInt(5));
    }

    /**
     * The stock of {@code site} in the platform's storage, through this call's host API. Until a site is
     * marked seeded, every call seeds it: each sku is created only where it is absent, and the marker comes
     * last. A marker written first let a second, concurrent first call (a page renders three widgets at
     * once) skip the seeding and read a stock still being written: "Unavailable", then cached.
     */
    Stock onSite(String site, HostApi host) {
        Stock stock = new Stock(host.storage(), initial, lowStockThreshold, seeded);
        if (!seeded.contains(site)) {
            if (host.storage().get("meta", "seeded").isEmpty()) {
                initial.forEach((sku, count) -> createIfAbsent(host, "stock", sku, Json.object("qty", count)));
                createIfAbsent(host, "meta", "seeded", Json.object("at", System.currentTimeMillis()));
            }
            seeded.add(site);
        }
        return stock;
    }

    /** Creates the document unless it exists (a count already there, perhaps changed since, is kept). */
    private static void createIfAbsent(HostApi host, String collection, String id, JsonNode data) {
        try {
            host.storage().create(collection, id, data);
        } catch (HostApiException exists) {
            if (!exists.conflict()) {
                throw exists;
            }
        }
    }

    /** The stock a call works on: its site's, when it came with a site and a token, else this instance's own. */
    Stock forCall(@Nullable String site, HostApi host) {
        return site != null && host.token().isPresent() ? onSite(site, host) : this;
    }

    int lowStockThreshold() {
        return lowStockThreshold;
    }

    OptionalInt available(String sku) {
        return storage.get("stock", sku).map(doc -> OptionalInt.of(doc.data().path("qty").asInt())).orElse(OptionalInt.empty());
    }

    int require(String sku) {
        return available(sku).orElseThrow(() -> new ProblemException(404, "sku '" + sku + "' is not in the inventory"));
    }

    /** Counts sorted by sku (the first 100). */
    Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new TreeMap<>();
        storage.query("stock", StorageQuery.all().limit(100)).forEach(doc -> counts.put(doc.id(), doc.data().path("qty").asInt()));
        return counts;
    }

    /** Sets a count, adding the sku when it is new. */
    Change set(String sku, int quantity) {
        Integer before = available(sku).isPresent() ? available(sku).getAsInt() : null;
        storage.put("stock", sku, Json.object("qty", quantity));
        return new Change(sku, before, quantity);
    }

    Change adjust(String sku, int delta) {
        return change(sku, now -> {
            if (now + delta < 0) {
                throw new ProblemException(409, "sku '" + sku + "' has " + now + "; it cannot go down by " + -delta);
            }
            return now + delta;
        });
    }

    /** Takes every line or none; 409 naming each short sku. */
    Reservation reserve(List<Line> lines) {
        List<Change> taken = new ArrayList<>();
        List<String> shortages = new ArrayList<>();
        for (Line line : lines) {
            try {
                taken.add(change(line.sku(), now -> {
                    if (now < line.quantity()) {
                        throw new ProblemException(409, line.sku() + ": requested " + line.quantity() + ", available " + now);
                    }
                    return now - line.quantity();
                }));
            } catch (ProblemException shortOrUnknown) {
                if (shortOrUnknown.problem().status() != 409) {
                    giveBack(taken);
                    throw shortOrUnknown;
                }
                shortages.add(shortOrUnknown.problem().detail());
            }
        }
        if (!shortages.isEmpty()) {
            giveBack(taken);
            throw new ProblemException(409, "not enough stock (" + String.join("; ", shortages) + ")");
        }
        String id = "res_" + UUID.randomUUID().toString().replace("-", "");
        storage.create("reservations", id, Json.object("items", Line.toJson(lines)));
        return new Reservation(id, taken);
    }

    /** Gives a reservation's items back; 404 when it is unknown (or already settled). */
    List<Line> release(String reservationId) {
        List<Line> lines = storage.get("reservations", reservationId).map(doc -> Line.parse(doc.data().path("items"), "/items"))
                .orElseThrow(() -> new ProblemException(404, "reservation '" + reservationId + "' is not open"));
        if (!storage.delete("reservations", reservationId)) {
            throw new ProblemException(404, "reservation '" + reservationId + "' is not open");
        }
        lines.forEach(line -> change(line.sku(), now -> now + line.quantity()));
        return lines;
    }

    /**
     * Settles a sale. A sale of a reservation only closes it (its stock was taken when reserving);
     * a sale without one takes its items now, as far as there are any, since the money has already
     * been taken and refusing the event would only make the platform retry it. The event's id is
     * recorded first (created once, on any instance), so a redelivery changes nothing.
     */
    void sell(String eventId, @Nullable String reservationId, List<Line> lines) {
        try {
            storage.create("applied-events", eventId, Json.object("reservationId", reservationId));
        } catch (HostApiException seen) {
            if (seen.conflict()) {
                return; // delivery is at-least-once: this event was already applied
            }
            throw seen;
        }
        try {
            if (reservationId != null && storage.delete("reservations", reservationId)) {
                return;
            }
            for (Line line : lines) {
                if (available(line.sku()).isPresent()) {
                    change(line.sku(), now -> Math.max(0, now - line.quantity()));
                }
            }
        } catch (RuntimeException failed) {
            storage.delete("applied-events", eventId); // not applied after all: the retry must apply it
            throw failed;
        }
    }

    /** Whether this change is the one that made the sku run low (a new sku counts as not low before). */
    boolean becameLow(Change change) {
        boolean wasLow = change.before() != null && change.before() <= lowStockThreshold;
        return !wasLow && change.after() <= lowStockThreshold;
    }

    /** One count changed by {@code next} over the version read, again from a fresh read when another write came first. */
    private Change change(String sku, IntUnaryOperator next) {
        for (int attempt = 1; ; attempt++) {
            StoredDocument doc = storage.get("stock", sku)
                    .orElseThrow(() -> new ProblemException(404, "sku '" + sku + "' is not in the inventory"));
            int now = doc.data().path("qty").asInt();
            int after = next.applyAsInt(now);
            try {
                storage.put("stock", sku, Json.object("qty", after), doc.version());
                return new Change(sku, now, after);
            } catch (HostApiException raced) {
                if (!raced.conflict() || attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private void giveBack(List<Change> taken) {
        for (Change change : taken) {
            int quantity = change.before() - change.after();
            change(change.sku(), now -> now + quantity);
        }
    }

    /** One sku's count before and after a change; {@code before} is null for a new sku. */
    record Change(String sku, @Nullable Integer before, int after) {
    }

    record Reservation(String id, List<Change> changes) {
    }
}
