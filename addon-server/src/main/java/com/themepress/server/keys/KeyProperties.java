package com.themepress.server.keys;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param adminKey          the operator's key (env {@code THEMEPRESS_KEYS_ADMIN_KEY}); it can create developer
 *                          keys. When unset, nobody can, which is the safe default for a misconfigured deploy.
 * @param verifiedCacheTtl  how long a verified developer key is remembered, saving a store lookup per call
 *                          (keys never change once issued; a revocation would wait this long)
 * @param verifiedCacheSize most verified keys remembered at once
 */
@Validated
@ConfigurationProperties("themepress.keys")
public record KeyProperties(@Nullable String adminKey,
        @DefaultValue("1m") @NotNull @DurationMin(millis = 1) Duration verifiedCacheTtl,
        @DefaultValue("10000") @Positive long verifiedCacheSize) {
}
