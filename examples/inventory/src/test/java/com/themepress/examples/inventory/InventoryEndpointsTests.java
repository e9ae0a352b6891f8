package com.themepress.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

class InventoryEndpointsTests {

    static final AddonInfo INFO = new AddonInfo("inventory", "1.0.0", "test-1", Json.object());

    final Stock stock = new Stock(Map.of("mug", 10, "poster", 3), 5);
    final InventoryEndpoints inventory = new InventoryEndpoints(stock);

    @Test
    void updateStockSetsOrAdjustsACount() {
        assertThat(inventory.updateStock(call("{\"sku\":\"mug\",\"quantity\":20}")).json().path("available").intValue()).isEqualTo(20);
        assertThat(inventory.updateStock(call("{\"sku\":\"mug\",\"delta\":-4}")).json().path("available").intValue()).isEqualTo(16);
        assertThat(inventory.updateStock(call("{\"sku\":\"lamp\",\"quantity\":7}")).json().path("available").intValue()).isEqualTo(7);
    }

    @Test
    void updateStockCannotGoBelowZero() {
        ProblemException refused = refusal(() -> inventory.updateStock(call("{\"sku\":\"poster\",\"delta\":-4}")));

        assertThat(refused.problem().status()).isEqualTo(409);
        assertThat(stock.available("poster")).hasValue(3);
    }

    @Test
    void updateStockWantsExactlyOneOfQuantityAndDelta() {
        assertThat(refusal(() -> inventory.updateStock(call("{\"sku\":\"mug\"}"))).problem().status()).isEqualTo(400);
        assertThat(refusal(() -> inventory.updateStock(call("{\"sku\":\"mug\",\"quantity\":1,\"delta\":1}"))).problem().status())
                .isEqualTo(400);
    }

    @Test
    void runningLowPublishesAnEventOnce() {
        Result first = inventory.updateStock(call("{\"sku\":\"mug\",\"delta\":-6}"));
        Result second = inventory.updateStock(call("{\"sku\":\"mug\",\"delta\":-1}"));

        assertThat(first.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("inventory.low-stock");
            assertThat(event.data()).isEqualTo(Json.object("sku", "mug", "available", 4, "threshold", 5));
        });
        assertThat(second.events()).isEmpty();
    }

    @Test
    void checkAvailabilityOfOneSkuOrACart() {
        assertThat(inventory.checkAvailability(call("{\"sku\":\"poster\",\"quantity\":4}")).json())
                .isEqualTo(Json.object("sku", "poster", "requested", 4L, "available", 3, "inStock", false));
        Result cart = inventory.checkAvailability(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":2},{\"sku\":\"poster\",\"quantity\":3}]}"));
        assertThat(cart.json().path("inStock").booleanValue()).isTrue();
        assertThat(cart.json().path("items")).hasSize(2);
    }

    @Test
    void anUnknownSkuIs404() {
        assertThat(refusal(() -> inventory.checkAvailability(call("{\"sku\":\"nope\"}"))).problem().status()).isEqualTo(404);
        assertThat(refusal(() -> inventory.reserveItems(call("{\"items\":[{\"sku\":\"nope\",\"quantity\":1}]}"))).problem().status())
                .isEqualTo(404);
    }

    @Test
    void reservingTakesTheStockAndReportsWhatRemains() {
        Result result = inventory.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":2},{\"sku\":\"mug\",\"quantity\":1}]}"));

        assertThat(result.json().path("reservationId").stringValue()).startsWith("res_");
        assertThat(result.json().path("items")).isEqualTo(Json.parse("[{\"sku\":\"mug\",\"quantity\":3}]"));
        assertThat(result.json().path("remaining")).isEqualTo(Json.object("mug", 7));
        assertThat(stock.available("mug")).hasValue(7);
    }

    @Test
    void reservingMoreThanAvailableIs409AndTakesNothing() {
        ProblemException refused = refusal(() -> inventory.reserveItems(
                call("{\"items\":[{\"sku\":\"mug\",\"quantity\":2},{\"sku\":\"poster\",\"quantity\":4}]}")));

        assertThat(refused.problem().status()).isEqualTo(409);
        assertThat(refused.problem().detail()).isEqualTo("not enough stock (poster: requested 4, available 3)");
        assertThat(stock.available("mug")).hasValue(10);
        assertThat(stock.available("poster")).hasValue(3);
    }

    @Test
    void badLinesAre400WithTheirPointer() {
        assertThat(refusal(() -> inventory.reserveItems(call("{\"items\":[]}"))).problem().detail())
                .isEqualTo("/items must be a non-empty array of {sku, quantity}");
        assertThat(refusal(() -> inventory.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":0}]}"))).problem().detail())
                .isEqualTo("/items/0/quantity must be an integer from 1 to 1000000");
        assertThat(refusal(() -> inventory.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":1.5}]}"))).problem().status())
                .isEqualTo(400);
    }

    @Test
    void releasingAReservationGivesTheStockBack() {
        String id = inventory.reserveItems(call("{\"items\":[{\"sku\":\"poster\",\"quantity\":3}]}")).json().path("reservationId").stringValue();

        inventory.releaseReservation(call("{\"reservationId\":\"" + id + "\"}"));

        assertThat(stock.available("poster")).hasValue(3);
        assertThat(refusal(() -> inventory.releaseReservation(call("{\"reservationId\":\"" + id + "\"}"))).problem().status())
                .isEqualTo(404);
    }

    @Test
    void concurrentReservationsNeverOversell() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> attempts = new ArrayList<>();
        Callable<Boolean> reserveOne = () -> {
            try {
                inventory.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":1}]}"));
                return true;
            } catch (ProblemException soldOut) {
                return false;
            }
        };
        for (int i = 0; i < 50; i++) {
            attempts.add(pool.submit(reserveOne));
        }
        int reserved = 0;
        for (Future<Boolean> attempt : attempts) {
            reserved += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(reserved).isEqualTo(10);
        assertThat(stock.available("mug")).hasValue(0);
    }

    @Test
    void aCompletedPaymentTakesItsItemsOnceEvenWhenRedelivered() {
        Event paid = event("e-1", "{\"items\":[{\"sku\":\"mug\",\"quantity\":2},{\"sku\":\"unknown\",\"quantity\":1}]}");

        inventory.onPaymentCompleted(paid);
        inventory.onPaymentCompleted(paid);

        assertThat(stock.available("mug")).hasValue(8);
    }

    @Test
    void aCompletedPaymentOfAReservationOnlySettlesIt() {
        String id = inventory.reserveItems(call("{\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}")).json().path("reservationId").stringValue();

        inventory.onPaymentCompleted(event("e-2", "{\"reservationId\":\"" + id + "\",\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}"));

        assertThat(stock.available("mug")).hasValue(8);
        assertThat(refusal(() -> inventory.releaseReservation(call("{\"reservationId\":\"" + id + "\"}"))).problem().status())
                .isEqualTo(404);
    }

    @Test
    void aSaleNeverDrivesACountBelowZero() {
        inventory.onPaymentCompleted(event("e-3", "{\"items\":[{\"sku\":\"poster\",\"quantity\":9}]}"));

        assertThat(stock.available("poster")).hasValue(0);
    }

    @Test
    void theConfigSeedsTheStock() {
        Stock seeded = Stock.fromConfig(Json.parse("{\"initialStock\":{\"lamp\":4},\"lowStockThreshold\":2}"));

        assertThat(seeded.snapshot()).isEqualTo(Map.of("lamp", 4));
        assertThat(seeded.lowStockThreshold()).isEqualTo(2);
        assertThat(Stock.fromConfig(Json.object()).snapshot()).isEqualTo(Stock.DEMO);
    }

    static Call call(String data) {
        return new Call("test", Json.parse(data), INFO);
    }

    static Event event(String id, String data) {
        return new Event(id, "payment.completed", "payment-gateway", "2025-01-01T00:00:00Z", "site-1", Json.parse(data));
    }

    static ProblemException refusal(Runnable action) {
        return catchThrowableOfType(ProblemException.class, action::run);
    }
}
