package com.themepress.server.sites;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;

/**
 * Who may manage a site: the operator (admin key) or the site's own secret key. Every other key is
 * refused, another site's secret key and the site's own publishable key included.
 */
@Component
public class SiteAccess {

    public static final String OPERATOR = "operator";

    private final ApiKeys keys;
    private final SiteKeys siteKeys;

    SiteAccess(ApiKeys keys, SiteKeys siteKeys) {
        this.keys = keys;
        this.siteKeys = siteKeys;
    }

    /** Returns the actor for the audit log ({@code operator} or {@code site-key:<id>}), or throws 401/403. */
    public String requireManager(String site, @Nullable String presented) {
        if (!StringUtils.hasText(presented)) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED,
                    "Managing site '" + site + "' needs its secret key (or the admin key) in the X-API-Key header.");
        }
        if (KeyKind.isSiteKey(presented)) {
            SiteCaller caller = siteKeys.authenticate(presented);
            if (!caller.site().equals(site)) {
                throw new PlatformException(ProblemType.FORBIDDEN, "The key belongs to another site.");
            }
            if (!caller.secret()) {
                throw new PlatformException(ProblemType.FORBIDDEN,
                        "A publishable key is for pages; managing the site needs its secret key.");
            }
            return caller.actor();
        }
        Caller caller = keys.authenticate(presented);
        if (!caller.admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "A developer key cannot manage sites.");
        }
        return OPERATOR;
    }

    /** Only the operator creates sites. */
    public void requireOperator(@Nullable String presented) {
        if (!StringUtils.hasText(presented)) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED, "Creating a site needs the admin key in the X-API-Key header.");
        }
        if (KeyKind.isSiteKey(presented) || !keys.authenticate(presented).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Only the operator (admin key) creates sites.");
        }
    }
}
