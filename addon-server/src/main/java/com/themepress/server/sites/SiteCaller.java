package com.themepress.server.sites;

/** Who presented a site key: which site, which kind of key, and the key's id (for the audit log). */
public record SiteCaller(String site, KeyKind kind, String keyId) {

    public boolean secret() {
        return kind == KeyKind.SECRET;
    }

    public String actor() {
        return "site-key:" + keyId;
    }
}
