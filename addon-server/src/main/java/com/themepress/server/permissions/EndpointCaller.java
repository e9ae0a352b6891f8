package com.themepress.server.permissions;

/**
 * Who calls an addon's endpoint, as far as {@link EndpointAccess} needs to know. The sites issue adds
 * its keys here as two more kinds: a site's page key (the {@code public} endpoints of addons installed
 * on that site) and its secret key (every endpoint of those); each decision then names its case in
 * {@link EndpointAccess}.
 */
public sealed interface EndpointCaller {

    /** No key: a page, a script, anyone on the internet. */
    EndpointCaller ANONYMOUS = new Anonymous();

    /** The operator's admin key. */
    EndpointCaller OPERATOR = new Operator();

    static EndpointCaller developer(String developer) {
        return new Developer(developer);
    }

    record Anonymous() implements EndpointCaller {
    }

    record Operator() implements EndpointCaller {
    }

    /** A developer key; it opens the endpoints of the addons its developer owns. */
    record Developer(String developer) implements EndpointCaller {
    }

    /** A site's publishable key, from one of its origins: the {@code public} endpoints of addons installed there. */
    record SitePage(String site) implements EndpointCaller {
    }

    /** A site's secret key: every endpoint of the addons installed there. */
    record SiteAdmin(String site) implements EndpointCaller {
    }
}
