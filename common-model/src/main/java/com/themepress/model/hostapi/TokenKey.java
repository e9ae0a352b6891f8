package com.themepress.model.hostapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * The key invocation tokens are signed with ({@code themepress.host-api.token-key}, env
 * {@code THEMEPRESS_HOST_API_TOKEN_KEY}). Unset, it is derived from the service key, which the runtime
 * and the addon-server already share; a derived key (HMAC of a fixed label) means a token's signature
 * never doubles as anything the service key signs. With neither there is no host API: the runtime
 * sends no tokens and the addon-server accepts none.
 *
 * @param tokenKey at least 16 characters when set
 */
@Validated
@ConfigurationProperties("themepress.host-api")
public record TokenKey(@Nullable String tokenKey) {

    private static final String LABEL = "themepress invocation tokens v1";

    /** The signer for this key and {@code serviceKey}, or empty when neither is set. */
    public Optional<InvocationTokens> tokens(Optional<String> serviceKey) {
        if (tokenKey != null && !tokenKey.isBlank()) {
            return Optional.of(new InvocationTokens(derive(tokenKey)));
        }
        return serviceKey.map(key -> new InvocationTokens(derive(key)));
    }

    @AssertTrue(message = "must be at least 16 characters when set")
    boolean isTokenKeyLongEnough() {
        return tokenKey == null || tokenKey.isBlank() || tokenKey.length() >= 16;
    }

    private static byte[] derive(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "TokenKey[tokenKey=" + (tokenKey == null || tokenKey.isBlank() ? "(none)" : "(set)") + "]";
    }
}
