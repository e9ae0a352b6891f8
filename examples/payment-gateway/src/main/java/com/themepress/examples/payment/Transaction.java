package com.themepress.examples.payment;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.themepress.sdk.Json;

/** One payment attempt. Immutable: a refund makes a new value, swapped in atomically by the store. */
record Transaction(String id, String status, BigDecimal amount, String currency, String method, BigDecimal refunded,
        Instant createdAt, @Nullable String orderId, @Nullable String cardLast4) {

    static final String APPROVED = "approved";
    static final String DECLINED = "declined";
    static final String PARTIALLY_REFUNDED = "partially-refunded";
    static final String REFUNDED = "refunded";

    BigDecimal refundable() {
        return status.equals(DECLINED) ? BigDecimal.ZERO : amount.subtract(refunded);
    }

    Transaction refund(BigDecimal more) {
        BigDecimal total = refunded.add(more);
        String next = total.compareTo(amount) >= 0 ? REFUNDED : PARTIALLY_REFUNDED;
        return new Transaction(id, next, amount, currency, method, total, createdAt, orderId, cardLast4);
    }

    ObjectNode toJson() {
        return Json.object("transactionId", id, "status", status, "amount", amount, "currency", currency,
                "method", method, "refundedAmount", refunded, "createdAt", createdAt.toString(),
                "orderId", orderId, "cardLast4", cardLast4);
    }
}
