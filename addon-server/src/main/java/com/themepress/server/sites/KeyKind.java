package com.themepress.server.sites;

/** The two kinds of site key, and the prefix each key's text starts with. */
public enum KeyKind {
    /** Server side, the site admin's: installations, and every endpoint of the addons installed. */
    SECRET("sk_"),
    /** For the site's pages: widgets and the {@code public} endpoints, only from the site's origins. */
    PUBLISHABLE("pk_");

    private final String prefix;

    KeyKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public static KeyKind ofText(String key) {
        return key.startsWith(SECRET.prefix) ? SECRET : PUBLISHABLE;
    }

    public static boolean isSiteKey(String key) {
        return key.startsWith(SECRET.prefix) || key.startsWith(PUBLISHABLE.prefix);
    }
}
