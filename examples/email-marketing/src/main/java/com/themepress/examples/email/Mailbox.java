package com.themepress.examples.email;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.themepress.sdk.ProblemException;

/**
 * Subscribers and the outbox of this instance. Nothing is ever sent: "sending" records the
 * message, which is what a demo can honestly do in a sandbox without network access. Both are
 * bounded so a busy caller cannot grow the heap until the container is killed.
 */
final class Mailbox {

    static final int MAX_SUBSCRIBERS = 10_000;
    static final int OUTBOX_SIZE = 1_000;

    record Subscriber(String email, String name, Instant subscribedAt) {
    }

    record Message(String id, String to, String subject, String body, String kind, Instant recordedAt) {
    }

    private final Map<String, Subscriber> subscribers = new TreeMap<>();
    private final Deque<Message> outbox = new ArrayDeque<>();
    private final Clock clock;

    Mailbox(Clock clock) {
        this.clock = clock;
    }

    /** Adds a subscriber, or returns the existing one: subscribing twice is not an error. */
    synchronized Optional<Subscriber> subscribe(String email, String name) {
        Subscriber existing = subscribers.get(email);
        if (existing != null) {
            return Optional.empty();
        }
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            throw new ProblemException(409, "the subscriber list is full (" + MAX_SUBSCRIBERS + ")");
        }
        Subscriber added = new Subscriber(email, name, clock.instant());
        subscribers.put(email, added);
        return Optional.of(added);
    }

    synchronized boolean unsubscribe(String email) {
        return subscribers.remove(email) != null;
    }

    synchronized List<Subscriber> subscribers() {
        return List.copyOf(subscribers.values());
    }

    synchronized Message record(String to, String subject, String body, String kind) {
        Message message = new Message("msg_" + UUID.randomUUID().toString().replace("-", ""), to, subject, body, kind,
                clock.instant());
        outbox.addFirst(message);
        if (outbox.size() > OUTBOX_SIZE) {
            outbox.removeLast();
        }
        return message;
    }

    /** Newest first. */
    synchronized List<Message> outbox() {
        return new ArrayList<>(outbox);
    }
}
