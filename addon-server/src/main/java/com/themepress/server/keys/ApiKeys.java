package com.themepress.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.cluster.BroadcastsResubscribed;
import com.themepress.server.cluster.ClusterBroadcasts;

/**
 * Issues, lists and revokes developer keys, and tells who a presented key belongs to.
 *
 * <p>Verified keys are remembered for {@code verified-cache-ttl} to save a store lookup per call. A
 * revocation removes the key from that memory on every replica before it answers: here directly, on
 * the others through a {@link KeyRevoked} broadcast that each confirms. A broadcast can still be lost
 * (a replica cut off from Redis at the time, which then cannot confirm), so two things bound how long
 * a lost one matters: a replica that (re)subscribes forgets every key it verified, as it may have
 * missed revocations meanwhile, and no entry outlives the TTL, which {@link KeyProperties} caps at
 * five minutes.
 */
@Service
public class ApiKeys {

    static final String PREFIX = "tpk_";
    private static final Pattern KEY_ID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final ApiKeyStore store;
    private final KeyProperties properties;
    private final Clock clock;
    private final ClusterBroadcasts broadcasts;
    private final SecureRandom random = new SecureRandom();
    /** Keyed by the secret's hash; the key id is kept to find entries by it when a key is revoked. */
    private final Cache<String, Verified> verified;
    /**
     * Counts revocations heard here. A lookup that started before one may have read the key as valid;
     * it must not leave that in the cache after the revocation has swept it.
     */
    private final AtomicLong revocations = new AtomicLong();

    ApiKeys(ApiKeyStore store, KeyProperties properties, Clock clock, ClusterBroadcasts broadcasts) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.broadcasts = broadcasts;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(properties.verifiedCacheTtl()).maximumSize(properties.verifiedCacheSize()).build();
    }

    /** The caller behind {@code presented}, or 401 when the key is missing, unknown or revoked. */
    public Caller authenticate(String presented) {
        if (!StringUtils.hasText(presented)) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED,
                    "This call needs an API key in the X-API-Key header.");
        }
        if (isAdminKey(presented)) {
            return Caller.administrator();
        }
        String hash = hash(presented);
        Verified known = verified.getIfPresent(hash);
        if (known != null) {
            return known.caller();
        }
        long revocationsBefore = revocations.get();
        ApiKeyDocument key = store.bySecretHash(hash)
                .orElseThrow(() -> new PlatformException(ProblemType.UNAUTHENTICATED, "The API key is not known."));
        if (key.revoked()) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED, "The API key was revoked.");
        }
        Caller caller = new Caller(key.developer(), false);
        // Only valid keys are remembered, so random keys cannot fill the cache.
        verified.put(hash, new Verified(key.keyId(), caller));
        if (revocations.get() != revocationsBefore) {
            verified.invalidate(hash); // a revocation swept the cache while we read: what we read may be stale
        }
        return caller;
    }

    public Optional<Caller> authenticateIfPresent(String presented) {
        return StringUtils.hasText(presented) ? Optional.of(authenticate(presented)) : Optional.empty();
    }

    IssuedKey issue(String developer) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKeyDocument doc = new ApiKeyDocument(hash(key), UUID.randomUUID().toString(), developer, clock.instant(),
                key.substring(key.length() - 4), null);
        store.insert(doc);
        return new IssuedKey(doc.keyId(), developer, key, doc.createdAt());
    }

    KeyPage list(@Nullable String developer, int page, int size) {
        return store.page(developer, page, size);
    }

    /**
     * Revokes key {@code id} (404 when no key has it). Repeating it is harmless and sends the broadcast
     * again, which is how an operator reaches a replica that missed the first one.
     */
    void revoke(String id) {
        ApiKeyDocument key = (KEY_ID.matcher(id).matches() ? store.byKeyId(id) : Optional.<ApiKeyDocument>empty())
                .orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                        "No API key has the id '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'."));
        ApiKeyDocument revoked = key.revoked() ? key : store.save(key.revokedAt(clock.instant()));
        // Stored first: a replica that verifies the key after hearing the broadcast must find it revoked.
        // Confirmed: when the admin gets the answer, every replica that heard it refuses the key.
        broadcasts.publishAndConfirm(new KeyRevoked(revoked.keyId()), properties.revocationConfirmTimeout());
    }

    @EventListener
    void on(KeyRevoked revoked) {
        revocations.incrementAndGet();
        verified.asMap().values().removeIf(entry -> entry.keyId().equals(revoked.keyId()));
    }

    @EventListener
    void on(BroadcastsResubscribed resubscribed) {
        revocations.incrementAndGet();
        verified.invalidateAll();
    }

    private boolean isAdminKey(String presented) {
        String admin = properties.adminKey();
        return StringUtils.hasText(admin) && MessageDigest.isEqual(
                admin.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Verified(String keyId, Caller caller) {
    }
}
