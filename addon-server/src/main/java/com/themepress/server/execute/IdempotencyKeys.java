package com.themepress.server.execute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Execute's {@code Idempotency-Key}: a repeat of a call (same caller, addon, key and request) gets the
 * stored answer and the addon is not called again; the same key with another request is a 422; a repeat
 * while the first is still running is a 409. A claim is written (and on disk) before the addon is
 * called, so two replicas cannot both run it. Keys expire after {@code idempotency-ttl}; a claim whose
 * call died with its server expires after the addon's timeout plus a minute, so a retry is not locked
 * out for a day.
 */
@Component
class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final List<FieldError> AT_HEADER = List.of(new FieldError("/headers/" + HEADER,
            "1 to 255 visible ASCII characters, one per user action (a UUID)"));

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration ttl;
    private final EmittedEvents outbox;
    private final AnsweredCalls answers;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    IdempotencyKeys(MongoTemplate mongo, Clock clock, ExecuteProperties properties, EmittedEvents outbox, AnsweredCalls answers) {
        this.mongo = mongo;
        this.clock = clock;
        this.ttl = properties.idempotencyTtl();
        this.outbox = outbox;
        this.answers = answers;
    }

    /** A claimed call: {@link #answer} it, {@link #finish} it with the answer, or {@link #abandon} it so that a retry may run. */
    record Claim(IdempotentCall call) {

        String id() {
            return call.id();
        }
    }

    /** The outcome of {@link #begin}: either the stored answer of an earlier call, or a fresh claim. */
    record Start(Optional<CallAnswer> replay, Optional<Claim> claim) {
    }

    static void requireWellFormed(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The " + HEADER + " header must be 1 to 255 visible ASCII characters.",
                    AT_HEADER);
        }
    }

    /** {@code key} was checked by {@link #requireWellFormed} before the call got this far. */
    Start begin(String scope, String addon, String key, byte[] request, long addonTimeoutMs) {
        Instant now = clock.instant();
        sweepNowAndThen(now);
        String id = sha256(scope + "\n" + addon + "\n" + key);
        String fingerprint = sha256(addon + "\n" + new String(request, StandardCharsets.UTF_8));
        Instant claimExpires = now.plusMillis(addonTimeoutMs).plus(ABANDONED_AFTER);
        // An answer whose events still wait in the outbox is the call's record even when its claim has
        // expired or was never marked done (the server died between the two writes).
        Optional<CallAnswer> waiting = outbox.pendingAnswer(id);
        if (waiting.isPresent()) {
            return new Start(Optional.of(sameRequest(waiting.get(), fingerprint)), Optional.empty());
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return new Start(Optional.empty(), Optional.of(new Claim(mongo.insert(IdempotentCall.claim(id, fingerprint, now, claimExpires)))));
            } catch (DuplicateKeyException taken) {
                IdempotentCall earlier = mongo.findById(id, IdempotentCall.class);
                if (earlier == null) {
                    continue; // removed meanwhile
                }
                if (earlier.expiredAt(now)) {
                    // take it over, unless another request just did (then its claim's expiry differs)
                    mongo.remove(Query.query(Criteria.where("_id").is(id).and("expiresAt").is(earlier.expiresAt())), IdempotentCall.class);
                    continue;
                }
                if (!earlier.fingerprint().equals(fingerprint)) {
                    throw reused();
                }
                if (!earlier.done()) {
                    throw new PlatformException(ProblemType.CALL_IN_PROGRESS, "A call with this " + HEADER
                            + " is still running; repeat it once that one has answered.", AT_HEADER);
                }
                return new Start(Optional.of(earlier.answer()), Optional.empty());
            }
        }
        throw new PlatformException(ProblemType.CALL_IN_PROGRESS, "A call with this " + HEADER + " is being taken over; repeat it.",
                AT_HEADER);
    }

    private static CallAnswer sameRequest(CallAnswer answer, String fingerprint) {
        if (!answer.fingerprint().equals(fingerprint)) {
            throw reused();
        }
        return answer;
    }

    private static PlatformException reused() {
        return new PlatformException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This " + HEADER
                + " was used for another request; use a new key for each user action.", AT_HEADER);
    }

    /** The answer to keep for the claimed call's repeats. */
    CallAnswer answer(Claim claim, int status, @Nullable String contentType, @Nullable String instanceId, byte[] body) {
        return new CallAnswer(claim.call().fingerprint(), status, contentType, instanceId, body, clock.instant().plus(ttl));
    }

    void finish(Claim claim, CallAnswer answer) {
        answers.keep(claim.id(), answer);
    }

    void abandon(Claim claim) {
        mongo.remove(Query.query(Criteria.where("_id").is(claim.call().id()).and("done").is(false)), IdempotentCall.class);
    }

    /** Expired calls are removed every ten minutes at most, by whichever call comes along. */
    private void sweepNowAndThen(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        mongo.remove(Query.query(Criteria.where("expiresAt").lte(now)), IdempotentCall.class);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
