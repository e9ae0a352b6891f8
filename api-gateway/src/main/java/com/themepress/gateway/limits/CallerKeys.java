package com.themepress.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Who a request is counted as: its {@code X-API-Key}, else the site key in its {@code key} query
 * parameter (a page's publishable key on a widget GET), else its client address. A publishable key
 * is public (every visitor of the site's pages sends the same one), so it counts together with the
 * client address: one visitor cannot spend a whole site's budget, and a busy site's visitors do not
 * share one. Each is hashed, so a Redis key never holds an API key, nor any text a caller chose.
 */
public final class CallerKeys {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    static final int REMEMBERED = 16_384;

    private final TrustedProxies proxies;
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    CallerKeys(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /**
     * @param apiKey       the {@code X-API-Key} header
     * @param query        the raw query string (without {@code ?})
     * @param peer         the address of the connection's other end
     * @param forwardedFor the {@code X-Forwarded-For} header
     */
    public String callerOf(@Nullable String apiKey, @Nullable String query, String peer, @Nullable String forwardedFor) {
        String key = apiKey != null && !apiKey.isBlank() ? apiKey : siteKey(query);
        if (key == null) {
            return publicHash(addresses, "address:", proxies.clientAddress(peer, forwardedFor));
        }
        if (key.startsWith("pk_")) {
            return publicHash(pages, "page:", key + "\n" + proxies.clientAddress(peer, forwardedFor));
        }
        return hash("key:", key);
    }

    /** The value of a {@code key} parameter that is a site key ({@code pk_…} or {@code sk_…}), as sent. */
    static @Nullable String siteKey(@Nullable String query) {
        if (query == null) {
            return null;
        }
        int at = 0;
        while (at <= query.length()) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = query.length();
            }
            if (query.startsWith("key=", at) && end > at + 4) {
                String value = query.substring(at + 4, end);
                if (value.startsWith("pk_") || value.startsWith("sk_")) {
                    return value;
                }
            }
            at = end + 1;
        }
        return null;
    }

    /**
     * The hash of what is not a secret (an address, a publishable key with an address), remembered: hashing
     * was 6% of a rate-limited gateway's CPU under widget GETs, from the same few thousand callers. Bounded
     * by forgetting all of a kind at {@link #REMEMBERED} entries. API keys are hashed every time, never kept.
     */
    private static String publicHash(Map<String, String> remembered, String kind, String value) {
        String known = remembered.get(value);
        if (known != null) {
            return known;
        }
        String hashed = hash(kind, value);
        if (remembered.size() >= REMEMBERED) {
            remembered.clear();
        }
        remembered.put(value, hashed);
        return hashed;
    }

    private static String hash(String kind, String value) {
        MessageDigest digest = SHA_256.get();
        digest.update(kind.getBytes(StandardCharsets.UTF_8));
        byte[] full = digest.digest(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(full, 0, 16);
    }
}
