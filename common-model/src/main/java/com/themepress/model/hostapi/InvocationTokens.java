package com.themepress.model.hostapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs and checks invocation tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}.
 * The key is one secret the runtime (which signs) and the addon-server (which checks again) share;
 * see {@link TokenKey}. A token that is not exactly well-formed, is signed with another key or has
 * expired is no token at all: the caller learns nothing about which.
 */
public final class InvocationTokens {

    private static final String ALGORITHM = "HmacSHA256";
    /** Far above any real token (five names, an id, a number); a longer header is not parsed at all. */
    static final int MAX_LENGTH = 1024;

    private final SecretKeySpec key;

    public InvocationTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a token key needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String sign(InvocationToken token) {
        byte[] payload = token.payload().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload) + "." + base64.encodeToString(mac(payload));
    }

    /** The token {@code text} carries, if it is well-formed, signed with this key and not expired at {@code nowMillis}. */
    public Optional<InvocationToken> verify(@Nullable String text, long nowMillis) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot < 1 || dot != text.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(text.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(text.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        return parse(new String(payload, StandardCharsets.UTF_8)).filter(token -> token.expiresAt() > nowMillis);
    }

    /** A token from {@code X-Themepress-Token}, else from {@code Authorization: Bearer ...}. */
    public static @Nullable String fromHeaders(@Nullable String tokenHeader, @Nullable String authorization) {
        if (tokenHeader != null && !tokenHeader.isBlank()) {
            return tokenHeader.strip();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private static Optional<InvocationToken> parse(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 7 || !"v1".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InvocationToken(parts[1], parts[2], parts[3], parts[4], parts[5], Long.parseLong(parts[6])));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
