package com.themepress.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;

/**
 * Reads the site a call is made for and that site's settings from the headers the platform sends
 * (spec section 6): {@code X-Themepress-Site}, and {@code X-Themepress-Settings} as base64url of the
 * settings' JSON. Settings that cannot be read count as none.
 */
final class SiteHeaders {

    private SiteHeaders() {
    }

    static Call call(String endpoint, JsonNode data, AddonInfo info, HttpExchange exchange, @Nullable String hostApiBase) {
        String site = exchange.getRequestHeaders().getFirst("X-Themepress-Site");
        String encoded = exchange.getRequestHeaders().getFirst("X-Themepress-Settings");
        JsonNode settings = Json.object();
        if (encoded != null && !encoded.isEmpty()) {
            try {
                JsonNode parsed = Json.parse(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
                settings = parsed.isObject() ? parsed : settings;
            } catch (RuntimeException unreadable) {
                settings = Json.object();
            }
        }
        return new Call(endpoint, data, info, Optional.ofNullable(site).filter(s -> !s.isEmpty()), settings, host(exchange, hostApiBase));
    }

    /** The host API of this exchange: {@code THEMEPRESS_HOST_API} with the call's {@code X-Themepress-Token}. */
    static HostApi host(HttpExchange exchange, @Nullable String hostApiBase) {
        return new HttpHostApi(hostApiBase, exchange.getRequestHeaders().getFirst("X-Themepress-Token"));
    }
}
