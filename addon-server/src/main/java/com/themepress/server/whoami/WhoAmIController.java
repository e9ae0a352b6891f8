package com.themepress.server.whoami;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.sites.KeyKind;
import com.themepress.server.sites.SiteCaller;
import com.themepress.server.sites.SiteKeys;

/**
 * Who the presented key is: {@code operator}, {@code developer} (with the developer's id) or
 * {@code site} (with the site and the key's kind). Any valid key may ask about itself; a missing,
 * unknown or revoked key is 401, as everywhere. Nothing secret is answered: the caller holds the key.
 */
@RestController
class WhoAmIController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String role, @Nullable String developer, @Nullable String site, @Nullable String keyKind) {
    }

    private final ApiKeys keys;
    private final SiteKeys siteKeys;

    WhoAmIController(ApiKeys keys, SiteKeys siteKeys) {
        this.keys = keys;
        this.siteKeys = siteKeys;
    }

    @GetMapping("/api/keys/self")
    Identity self(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key) {
        if (key == null || key.isBlank()) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED, "This call needs an API key in the X-API-Key header.");
        }
        if (KeyKind.isSiteKey(key)) {
            SiteCaller caller = siteKeys.authenticate(key);
            return new Identity("site", null, caller.site(), caller.secret() ? "secret" : "publishable");
        }
        Caller caller = keys.authenticate(key);
        return caller.admin() ? new Identity("operator", null, null, null) : new Identity("developer", caller.developer(), null, null);
    }
}
