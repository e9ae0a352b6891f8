package com.themepress.server.keys;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param adminKey          the operator's key (env {@code THEMEPRESS_KEYS_ADMIN_KEY}); it can create, list and
 *                          revoke developer keys. When unset, nobody can, which is the safe default for a
 *                          misconfigured deploy.
 * @param verifiedCacheTtl  how long a verified developer key is remembered, saving a store lookup per call.
 *                          A revocation clears it on every replica by broadcast; this is how long a replica
 *                          that missed the broadcast may still accept the key, hence the five-minute cap
 * @param verifiedCacheSize most verified keys remembered at once
 * @param revocationConfirmTimeout how long a revocation waits for every other replica to confirm that it
 *                          dropped the key before answering; past it the answer comes anyway (logged), and a
 *                          replica that did not confirm refuses the key within {@code verifiedCacheTtl}
 */
@Validated
@ConfigurationProperties("themepress.keys")
public record KeyProperties(@Nullable String adminKey,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration verifiedCacheTtl,
        @DefaultValue("10000") @Positive long verifiedCacheSize,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) Duration revocationConfirmTimeout) {
}
