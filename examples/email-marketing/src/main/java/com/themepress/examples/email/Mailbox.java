package com.themepress.examples.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import com.themepress.sdk.HostApi;
import com.themepress.sdk.HostApiException;
import com.themepress.sdk.InMemoryHostApi;
import com.themepress.sdk.Json;
import com.themepress.sdk.Storage;
import com.themepress.sdk.StorageQuery;
import com.themepress.sdk.StoredDocument;

import tools.jackson.databind.JsonNode;

/**
 * Subscribers and the outbox, in the site's addon storage (collections {@code subscribers} and
 * {@code outbox}), so every instance serving the site shares them and they outlive the instances;
 * calls of no site use this instance's own in-memory storage. Nothing is ever sent: "sending" records
 * the message, which is what a demo can honestly do in a sandbox without network access. The site's
 * storage quota bounds both.
 */
final class Mailbox {

    /** Most messages or subscribers one listing answers (the platform bounds a query to 100). */
    static final int LISTED = 100;
    /** Bounds an instance's own memory for calls of no site (subscribers, messages, applied events together). */
    static final int LOCAL_DOCUMENTS = 20_000;

    record Subscriber(String email, String name, Instant subscribedAt) {
    }

    record Message(String id, String to, String subject, String body, String kind, Instant recordedAt) {
    }

    private final Storage storage;
    private final Clock clock;
    /** Orders messages recorded in the same millisecond by this instance. */
    private final AtomicLong sequence;

    Mailbox(Clock clock) {
        this(new InMemoryHostApi(LOCAL_DOCUMENTS).storage(), clock, new AtomicLong());
    }

    private Mailbox(Storage storage, Clock clock, AtomicLong sequence) {
        this.storage = storage;
        this.clock = clock;
        this.sequence = sequence;
    }

    /** The mailbox a call works on: its site's, when it came with a site and a token, else this instance's own. */
    Mailbox forCall(@Nullable String site, HostApi host) {
        return site != null && host.token().isPresent() ? new Mailbox(host.storage(), clock, sequence) : this;
    }

    /** Adds a subscriber, or empty when the address is subscribed already: subscribing twice is not an error. */
    Optional<Subscriber> subscribe(String email, String name) {
        Subscriber added = new Subscriber(email, name, clock.instant());
        try {
            storage.create("subscribers", idOf(email), Json.object("email", email, "name", name, "subscribedAt", added.subscribedAt().toString()));
            return Optional.of(added);
        } catch (HostApiException exists) {
            if (exists.conflict()) {
                return Optional.empty();
            }
            throw exists;
        }
    }

    boolean unsubscribe(String email) {
        return storage.delete("subscribers", idOf(email));
    }

    /** The first {@link #LISTED} subscribers, by address. */
    List<Subscriber> subscribers() {
        return storage.query("subscribers", StorageQuery.all().sortBy("email").limit(LISTED)).stream()
                .map(doc -> new Subscriber(doc.data().path("email").asString(), doc.data().path("name").asString(""),
                        Instant.parse(doc.data().path("subscribedAt").asString())))
                .toList();
    }

    Message record(String to, String subject, String body, String kind) {
        Message message = new Message("msg_" + UUID.randomUUID().toString().replace("-", ""), to, subject, body, kind, clock.instant());
        storage.put("outbox", message.id(), Json.object("to", to, "subject", subject, "body", body, "kind", kind,
                "recordedAt", message.recordedAt().toString(), "at", message.recordedAt().toEpochMilli(), "seq", sequence.incrementAndGet()));
        return message;
    }

    /** Whether this event's receipt is recorded now (false: an earlier delivery of it was, on any instance). */
    boolean firstDelivery(String eventId) {
        try {
            storage.create("applied-events", eventId, Json.object());
            return true;
        } catch (HostApiException seen) {
            if (seen.conflict()) {
                return false;
            }
            throw seen;
        }
    }

    /** Newest first, at most {@code limit} ({@link #LISTED} at most), optionally only those to one address. */
    List<Message> outbox(@Nullable String to, int limit) {
        StorageQuery query = to == null ? StorageQuery.all() : StorageQuery.where("to", to);
        return storage.query("outbox", query.sortByDescending("at").sortByDescending("seq").limit(Math.min(limit, LISTED))).stream()
                .map(Mailbox::message).toList();
    }

    List<Message> outbox() {
        return outbox(null, LISTED);
    }

    private static Message message(StoredDocument doc) {
        JsonNode data = doc.data();
        return new Message(doc.id(), data.path("to").asString(), data.path("subject").asString(), data.path("body").asString(""),
                data.path("kind").asString(), Instant.parse(data.path("recordedAt").asString()));
    }

    /** Addresses may hold characters document ids may not ('+'), so the id is a digest of the address. */
    private static String idOf(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
