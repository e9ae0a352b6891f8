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

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** Issues developer keys and tells who a presented key belongs to. */
@Service
public class ApiKeys {

    static final String PREFIX = "tpk_";

    private final ApiKeyRepository repository;
    private final KeyProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Keys are never changed once issued; until revocation exists a short memory saves a lookup per call. */
    private final Cache<String, Caller> verified;

    ApiKeys(ApiKeyRepository repository, KeyProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(properties.verifiedCacheTtl()).maximumSize(properties.verifiedCacheSize()).build();
    }

    /** The caller behind {@code presented}, or 401 when the key is missing or unknown. */
    public Caller authenticate(String presented) {
        if (!StringUtils.hasText(presented)) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED,
                    "This call needs an API key in the X-API-Key header.");
        }
        if (isAdminKey(presented)) {
            return Caller.administrator();
        }
        String hash = hash(presented);
        Caller known = verified.getIfPresent(hash);
        if (known != null) {
            return known;
        }
        Caller caller = repository.findById(hash)
                .map(doc -> new Caller(doc.developer(), false))
                .orElseThrow(() -> new PlatformException(ProblemType.UNAUTHENTICATED, "The API key is not known."));
        // Only known keys are remembered, so random keys cannot fill the cache.
        verified.put(hash, caller);
        return caller;
    }

    public Optional<Caller> authenticateIfPresent(String presented) {
        return StringUtils.hasText(presented) ? Optional.of(authenticate(presented)) : Optional.empty();
    }

    IssuedKey issue(String developer) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKeyDocument doc = new ApiKeyDocument(hash(key), UUID.randomUUID().toString(), developer, clock.instant());
        repository.insert(doc);
        return new IssuedKey(doc.keyId(), developer, key, doc.createdAt());
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
}
