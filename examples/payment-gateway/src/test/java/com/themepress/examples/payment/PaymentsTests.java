package com.themepress.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.AddonInfo;
import com.themepress.sdk.Call;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

class PaymentsTests {

    static final AddonInfo INFO = new AddonInfo("payment-gateway", "1.0.0", "test-1", Json.object());
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    final Payments payments = new Payments(new TransactionStore(100), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void approvesAValidPaymentAndPublishesPaymentCompleted() {
        Result result = payments.process(call("process-payment", """
                {"amount": 49.90, "currency": "eur", "method": "card", "cardNumber": "4242 4242 4242 4242",
                 "orderId": "o-1", "email": "ann@example.com", "items": [{"sku": "mug", "quantity": 2}]}"""));

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = Json.tree(result.body());
        String id = body.path("transactionId").stringValue();
        assertThat(id).startsWith("txn_");
        assertThat(body.path("status").stringValue()).isEqualTo("approved");
        assertThat(body.path("amount").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(body.path("currency").stringValue()).isEqualTo("EUR");
        assertThat(result.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("payment.completed");
            assertThat(event.data().path("transactionId").stringValue()).isEqualTo(id);
            assertThat(event.data().path("email").stringValue()).isEqualTo("ann@example.com");
            assertThat(event.data().path("orderId").stringValue()).isEqualTo("o-1");
            assertThat(event.data().path("items")).isEqualTo(Json.parse("[{\"sku\":\"mug\",\"quantity\":2}]"));
        });
    }

    @Test
    void acceptsTheMinimalCallOfTheSpec() {
        Result result = payments.process(call("process-payment", "{\"amount\":10,\"currency\":\"USD\",\"method\":\"paypal\"}"));

        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void theLargestAmountIsAllowed() {
        assertThat(payments.process(call("process-payment",
                "{\"amount\":1000000,\"currency\":\"USD\",\"method\":\"bank-transfer\"}")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":0,\"currency\":\"USD\",\"method\":\"card\"}           | /amount must be greater than 0",
            "{\"amount\":-5,\"currency\":\"USD\",\"method\":\"card\"}          | /amount must be greater than 0",
            "{\"amount\":1000000.01,\"currency\":\"USD\",\"method\":\"card\"}  | /amount must be at most 1000000",
            "{\"amount\":1.005,\"currency\":\"USD\",\"method\":\"card\"}       | /amount must have at most 2 decimal places",
            "{\"amount\":\"10\",\"currency\":\"USD\",\"method\":\"card\"}      | /amount is required and must be a number",
            "{\"currency\":\"USD\",\"method\":\"card\"}                        | /amount is required and must be a number",
            "{\"amount\":10,\"currency\":\"US\",\"method\":\"card\"}           | /currency must be a 3-letter currency code such as USD",
            "{\"amount\":10,\"currency\":\"U$D\",\"method\":\"card\"}          | /currency must be a 3-letter currency code such as USD",
            "{\"amount\":10,\"currency\":\"USD\",\"method\":\"cash\"}          | /method must be one of card, paypal, bank-transfer",
            "{\"amount\":10,\"currency\":\"USD\",\"method\":\"card\",\"cardNumber\":\"4242424242424241\"} | /cardNumber is not a valid card number",
            "{\"amount\":10,\"currency\":\"USD\",\"method\":\"paypal\",\"cardNumber\":\"4242424242424242\"} | /cardNumber only goes with method card",
            "{\"amount\":10,\"currency\":\"USD\",\"method\":\"card\",\"items\":{}} | /items must be an array of {sku, quantity}",
    })
    void refusesInvalidPaymentsWith400(String data, String detail) {
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> payments.process(call("process-payment", data)));

        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().detail()).isEqualTo(detail);
    }

    @Test
    void aDeclinedTestCardAnswers402AndPublishesPaymentFailed() {
        Result result = payments.process(call("process-payment",
                "{\"amount\":20,\"currency\":\"USD\",\"method\":\"card\",\"cardNumber\":\"4000000000000002\",\"orderId\":\"o-9\"}"));

        assertThat(result.status()).isEqualTo(402);
        JsonNode body = result.json();
        assertThat(body.path("type").stringValue()).isEqualTo("https://themepress.dev/problems/payment-declined");
        assertThat(body.path("detail").stringValue()).contains("ending 0002", "card_declined");
        assertThat(result.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("payment.failed");
            assertThat(event.data().path("reason").stringValue()).isEqualTo("card_declined");
            assertThat(event.data().path("orderId").stringValue()).isEqualTo("o-9");
        });
    }

    @Test
    void verifyFindsAKnownTransaction() {
        String id = approve("30.00");

        Result result = payments.verify(call("verify-transaction", "{\"transactionId\":\"" + id + "\"}"));

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.path("transactionId").stringValue()).isEqualTo(id);
        assertThat(body.path("status").stringValue()).isEqualTo("approved");
        assertThat(body.path("amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(body.path("refundedAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(body.path("createdAt").stringValue()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(body.path("cardLast4").stringValue()).isEqualTo("4242");
    }

    @Test
    void verifyOfAnUnknownTransactionIs404() {
        assertThat(payments.verify(call("verify-transaction", "{\"transactionId\":\"txn_nope\"}")).status()).isEqualTo(404);
    }

    @Test
    void aPartialThenAFullRefund() {
        String id = approve("30.00");

        Result partial = payments.refund(call("refund", "{\"transactionId\":\"" + id + "\",\"amount\":10}"));
        Result rest = payments.refund(call("refund", "{\"transactionId\":\"" + id + "\"}"));

        assertThat(Json.tree(partial.body()).path("status").stringValue()).isEqualTo("partially-refunded");
        assertThat(Json.tree(rest.body()).path("status").stringValue()).isEqualTo("refunded");
        assertThat(Json.tree(rest.body()).path("refundedAmount").decimalValue()).isEqualByComparingTo("20");
        assertThat(rest.events()).singleElement().extracting(event -> event.type()).isEqualTo("payment.refunded");
        assertThat(refusal(() -> payments.refund(call("refund", "{\"transactionId\":\"" + id + "\"}"))).problem().status())
                .isEqualTo(409);
    }

    @Test
    void aRefundBeyondWhatWasPaidIs409() {
        String id = approve("5.00");

        ProblemException refused = refusal(() -> payments.refund(call("refund", "{\"transactionId\":\"" + id + "\",\"amount\":6}")));

        assertThat(refused.problem().status()).isEqualTo(409);
        assertThat(refused.problem().detail()).isEqualTo("a refund of 6 exceeds the 5.00 still refundable");
    }

    @Test
    void aRefundOfAnUnknownTransactionIs404() {
        assertThat(refusal(() -> payments.refund(call("refund", "{\"transactionId\":\"txn_nope\"}"))).problem().status())
                .isEqualTo(404);
    }

    @Test
    void anInstancesOwnStoreForCallsOfNoSiteRefusesPaymentsBeyondItsCapacity() {
        TransactionStore store = new TransactionStore(2);
        Payments small = new Payments(store, Clock.systemUTC());
        String first = id(small.process(call("process-payment", "{\"amount\":1,\"currency\":\"USD\",\"method\":\"card\"}")));
        small.process(call("process-payment", "{\"amount\":2,\"currency\":\"USD\",\"method\":\"card\"}"));

        ProblemException full = catchThrowableOfType(ProblemException.class,
                () -> small.process(call("process-payment", "{\"amount\":3,\"currency\":\"USD\",\"method\":\"card\"}")));
        assertThat(full.problem().status()).isEqualTo(429);
        assertThat(store.find(first)).isPresent();
    }

    String approve(String amount) {
        return id(payments.process(call("process-payment",
                "{\"amount\":" + amount + ",\"currency\":\"USD\",\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}")));
    }

    static String id(Result result) {
        return Json.tree(result.body()).path("transactionId").stringValue();
    }

    static Call call(String endpoint, String data) {
        return new Call(endpoint, Json.parse(data), INFO);
    }

    static ProblemException refusal(Runnable action) {
        return catchThrowableOfType(ProblemException.class, action::run);
    }
}
