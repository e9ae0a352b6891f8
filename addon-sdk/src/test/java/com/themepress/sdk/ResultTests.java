package com.themepress.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResultTests {

    @Test
    void emitReturnsANewResultAndLeavesTheOriginalAlone() {
        Result base = Result.ok();

        Result emitted = base.emit("order.placed", Json.object("id", 1));

        assertThat(base.events()).isEmpty();
        assertThat(emitted.events()).containsExactly(new EmittedEvent("order.placed", Json.object("id", 1)));
    }

    @Test
    void eventsNeedAnObjectBody() {
        assertThatThrownBy(() -> Result.ok(List.of(1, 2)).emit("a.b", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ARRAY");
        assertThatThrownBy(() -> Result.noContent().emit("a.b", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no body");
    }

    @Test
    void aProblemCanCarryEvents() {
        Result declined = Result.problem(Problem.of(402, "payment-declined", "Payment declined", "card declined"))
                .emit("payment.failed", Json.object("reason", "declined"));

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.json().path("events").get(0).path("type").stringValue()).isEqualTo("payment.failed");
        assertThat(declined.json().path("type").stringValue()).isEqualTo("https://themepress.dev/problems/payment-declined");
    }

    @Test
    void recordsAreWrittenAsObjects() {
        record Receipt(String id, int cents) {
        }

        Result result = Result.ok(new Receipt("r-1", 250)).emit("receipt.sent", null);

        assertThat(result.json()).isEqualTo(Json.parse("{\"id\":\"r-1\",\"cents\":250,\"events\":[{\"type\":\"receipt.sent\",\"data\":null}]}"));
    }

    @Test
    void eventTypesAreConcreteSlugs() {
        assertThatThrownBy(() -> Result.ok().emit("payment.*", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Result.ok().emit("Payment", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyFinalStatusesAreAllowed() {
        assertThatThrownBy(() -> Result.status(100, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Result.status(600, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
