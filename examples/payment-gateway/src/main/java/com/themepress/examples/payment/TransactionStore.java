package com.themepress.examples.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import com.themepress.sdk.HostApi;
import com.themepress.sdk.HostApiException;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Storage;
import com.themepress.sdk.StoredDocument;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transactions in the site's addon storage (collection {@code transactions}), so a lookup or refund
 * on any instance finds a payment another one took, also after a restart; calls of no site use this
 * instance's own memory, at most {@code capacity} transactions. Amounts are stored as decimal text:
 * storage keeps non-integer numbers as doubles, and money must not round.
 */
final class TransactionStore {

    private static final int ATTEMPTS = 8;

    private final Storage storage;

    TransactionStore(int capacity) {
        this(new InMemoryHostApi(capacity).storage());
    }

    private TransactionStore(Storage storage) {
        this.storage = storage;
    }

    /** The store a call works on: its site's, when it came with a site and a token, else this instance's own. */
    TransactionStore forCall(@Nullable String site, HostApi host) {
        return site != null && host.token().isPresent() ? new TransactionStore(host.storage()) : this;
    }

    void put(Transaction transaction) {
        storage.create("transactions", transaction.id(), toDocument(transaction));
    }

    Optional<Transaction> find(String id) {
        return storage.get("transactions", id).map(doc -> fromDocument(doc.id(), doc.data()));
    }

    /** Applies a change over the version read, again from a fresh read when another instance wrote first; the change may refuse. */
    Change update(String id, UnaryOperator<Transaction> change) {
        for (int attempt = 1; ; attempt++) {
            StoredDocument doc = storage.get("transactions", id)
                    .orElseThrow(() -> new ProblemException(404, "transaction '" + id + "' is not known to this gateway"));
            Transaction current = fromDocument(id, doc.data());
            Transaction next = change.apply(current);
            try {
                storage.put("transactions", id, toDocument(next), doc.version());
                return new Change(current, next);
            } catch (HostApiException raced) {
                if (!raced.conflict() || attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private static ObjectNode toDocument(Transaction t) {
        return Json.object("status", t.status(), "amount", t.amount().toPlainString(), "currency", t.currency(), "method", t.method(),
                "refunded", t.refunded().toPlainString(), "createdAt", t.createdAt().toString(), "orderId", t.orderId(),
                "cardLast4", t.cardLast4());
    }

    private static Transaction fromDocument(String id, JsonNode d) {
        return new Transaction(id, d.path("status").asString(), new BigDecimal(d.path("amount").asString()), d.path("currency").asString(),
                d.path("method").asString(), new BigDecimal(d.path("refunded").asString("0")), Instant.parse(d.path("createdAt").asString()),
                d.path("orderId").isString() ? d.path("orderId").asString() : null,
                d.path("cardLast4").isString() ? d.path("cardLast4").asString() : null);
    }

    record Change(Transaction before, Transaction after) {
    }
}
