package com.themepress.model.service;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;

/**
 * The service credential ({@code themepress.service-key}, env {@code THEMEPRESS_SERVICE_KEY}): one secret that
 * the platform's services share and send as {@value #HEADER} on every call between them. The addon-server,
 * the addon-runtime and the widget-renderer refuse a request without it (401); the gateway sends it on
 * everything it forwards, in place of any a client sent. Without a key a service may only listen on
 * loopback (see {@code service/web/ListenAddressCheck}), where nothing beyond this host reaches it.
 *
 * @param serviceKey the shared secret, at least {@value #MIN_LENGTH} characters; unset or blank means none
 */
@Validated
@ConfigurationProperties("themepress")
public record ServiceKeyProperties(@Nullable String serviceKey) {

    /** The request header that carries the key. */
    public static final String HEADER = "X-Service-Key";
    /** Shorter keys are refused at start: the key is all that guards a service on a network. */
    public static final int MIN_LENGTH = 16;
    /** No key: for a service on loopback, and for clients made in tests. */
    public static final ServiceKeyProperties NONE = new ServiceKeyProperties(null);

    /** The key, unless none is configured. */
    public Optional<String> key() {
        return serviceKey == null || serviceKey.isBlank() ? Optional.empty() : Optional.of(serviceKey);
    }

    @AssertTrue(message = "must be at least " + MIN_LENGTH + " characters when set (platform.sh generates 64)")
    boolean isServiceKeyLongEnough() {
        return key().map(value -> value.length() >= MIN_LENGTH).orElse(true);
    }

    /** Never the key itself: settings records end up in logs and failure reports. */
    @Override
    public String toString() {
        return "ServiceKeyProperties[serviceKey=" + (key().isPresent() ? "(set)" : "(none)") + "]";
    }
}
