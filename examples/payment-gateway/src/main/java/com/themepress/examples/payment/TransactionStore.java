package com.themepress.examples.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.themepress.sdk.ProblemException;

/**
 * Transactions of this instance, newest {@code capacity} kept: a demo store must not let a busy
 * caller grow the heap until the container is killed. A real gateway would keep them in storage
 * shared by all instances; here a lookup on another instance answers 404.
 */
final class TransactionStore {

    private final Map<String, Transaction> byId;

    TransactionStore(int capacity) {
        this.byId = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Transaction> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(Transaction transaction) {
        byId.put(transaction.id(), transaction);
    }

    synchronized Optional<Transaction> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Applies a change atomically; the change may throw a ProblemException to refuse it. */
    synchronized Change update(String id, UnaryOperator<Transaction> change) {
        Transaction current = byId.get(id);
        if (current == null) {
            throw new ProblemException(404, "transaction '" + id + "' is not known to this gateway");
        }
        Transaction next = change.apply(current);
        byId.put(id, next);
        return new Change(current, next);
    }

    record Change(Transaction before, Transaction after) {
    }
}
