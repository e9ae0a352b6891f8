package com.themepress.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;

/** Issue 16: a payment taken on one instance is verified and refunded on another; amounts keep their decimals. */
class SiteTransactionsTests {

    static final AddonInfo INFO = new AddonInfo("payment-gateway", "1.0.0", "test-1", Json.object());

    final InMemoryHostApi shop = new InMemoryHostApi();
    final Payments first = new Payments(new TransactionStore(10), Clock.systemUTC());
    final Payments second = new Payments(new TransactionStore(10), Clock.systemUTC());

    @Test
    void aPaymentTakenOnOneInstanceIsRefundedOnTheOther() {
        String id = first.process(call("{\"amount\":19.99,\"currency\":\"EUR\",\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}"))
                .json().path("transactionId").asString();
        assertThat(second.verify(call("{\"transactionId\":\"" + id + "\"}")).json().path("amount").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(second.refund(call("{\"transactionId\":\"" + id + "\",\"amount\":9.99}")).json().path("totalRefunded").decimalValue())
                .isEqualByComparingTo("9.99");
        assertThat(first.verify(call("{\"transactionId\":\"" + id + "\"}")).json().path("status").asString()).isEqualTo("partially-refunded");
    }

    private Call call(String json) {
        return new Call("test", Json.parse(json), INFO, Optional.of("shop"), Json.object(), shop);
    }
}
