package com.themepress.examples.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

import com.themepress.sdk.Call;
import com.themepress.sdk.Json;
import com.themepress.sdk.Problem;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/** The gateway's three endpoints. Payments never leave the container: approval is simulated. */
final class Payments {

    private final TransactionStore store;
    private final Clock clock;

    Payments(TransactionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    TransactionStore store() {
        return store;
    }

    /** Approves the payment, or answers 402 (and publishes payment.failed) for a test decline card. */
    Result process(Call call) {
        PaymentRequest request = PaymentRequest.from(call);
        String cardLast4 = request.cardDigits() == null ? null : Cards.last4(request.cardDigits());
        Optional<String> declined = request.cardDigits() == null ? Optional.empty() : Cards.declineReason(request.cardDigits());
        Transaction transaction = new Transaction(newId(), declined.isPresent() ? Transaction.DECLINED : Transaction.APPROVED,
                request.amount(), request.currency(), request.method(), BigDecimal.ZERO, clock.instant(),
                request.orderId(), cardLast4);
        store.forCall(call.site().orElse(null), call.host()).put(transaction);
        ObjectNode event = eventData(transaction, request);
        if (declined.isPresent()) {
            event.put("reason", declined.get());
            Problem problem = Problem.of(402, "payment-declined", "Payment declined",
                    "the card ending " + cardLast4 + " was declined (" + declined.get() + "); transaction " + transaction.id());
            return Result.problem(problem).emit("payment.failed", event);
        }
        return Result.ok(Json.object("transactionId", transaction.id(), "status", transaction.status(),
                        "amount", transaction.amount(), "currency", transaction.currency(), "method", transaction.method()))
                .emit("payment.completed", event);
    }

    Result verify(Call call) {
        String id = call.text("transactionId");
        return store.forCall(call.site().orElse(null), call.host()).find(id)
                .map(transaction -> Result.ok(transaction.toJson()))
                .orElseGet(() -> Result.notFound("transaction '" + id + "' is not known to this gateway"));
    }

    /** Refunds all that is left, or {@code amount} of it; never more than was paid. */
    Result refund(Call call) {
        String id = call.text("transactionId");
        Optional<BigDecimal> requested = call.optionalNumber("amount");
        if (requested.isPresent() && requested.get().signum() <= 0) {
            return Result.badRequest("/amount must be greater than 0");
        }
        TransactionStore.Change change = store.forCall(call.site().orElse(null), call.host()).update(id, transaction -> {
            BigDecimal refundable = transaction.refundable();
            if (refundable.signum() == 0) {
                throw new ProblemException(409, "transaction '" + id + "' is " + transaction.status() + "; nothing is left to refund");
            }
            BigDecimal amount = requested.orElse(refundable);
            if (amount.compareTo(refundable) > 0) {
                throw new ProblemException(409, "a refund of " + amount.toPlainString() + " exceeds the "
                        + refundable.toPlainString() + " still refundable");
            }
            return transaction.refund(amount);
        });
        Transaction after = change.after();
        ObjectNode body = Json.object("transactionId", id, "status", after.status(),
                "refundedAmount", after.refunded().subtract(change.before().refunded()),
                "totalRefunded", after.refunded(), "currency", after.currency());
        return Result.ok(body).emit("payment.refunded", body.deepCopy());
    }

    private static ObjectNode eventData(Transaction transaction, PaymentRequest request) {
        ObjectNode data = Json.object("transactionId", transaction.id(), "amount", transaction.amount(),
                "currency", transaction.currency(), "method", transaction.method());
        if (request.orderId() != null) {
            data.put("orderId", request.orderId());
        }
        if (request.email() != null) {
            data.put("email", request.email());
        }
        if (request.items().isArray()) {
            data.set("items", request.items());
        }
        return data;
    }

    private static String newId() {
        return "txn_" + UUID.randomUUID().toString().replace("-", "");
    }
}
