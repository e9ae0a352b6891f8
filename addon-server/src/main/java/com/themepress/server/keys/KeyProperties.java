package com.themepress.server.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminKey the operator's key (env {@code THEMEPRESS_KEYS_ADMIN_KEY}); it can create developer
 *                 keys. When unset, nobody can, which is the safe default for a misconfigured deploy.
 */
@ConfigurationProperties("themepress.keys")
public record KeyProperties(String adminKey) {
}
