package com.themepress.server.hostapi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.hostapi.InvocationTokens;
import com.themepress.model.hostapi.TokenKey;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.semver.SemVerRange;
import com.themepress.model.service.ServiceKeyProperties;
import com.themepress.server.permissions.GrantSource;
import com.themepress.server.registry.RegistryService;

/**
 * Turns the token on a host API request into a {@link HostCaller}, and answers "may it do P here?".
 * The runtime admitted the request (its call is running, on the instance that sent it); the signature
 * and expiry are checked again here, so that nothing reaches an addon's data on the runtime's word alone.
 * Permissions are the installation's current grant ({@link GrantSource}), not a copy in the token.
 */
@Component
public class HostCallers {

    private final @Nullable InvocationTokens tokens;
    private final RegistryService registry;
    private final GrantSource grants;
    private final Clock clock;

    HostCallers(TokenKey key, ServiceKeyProperties serviceKey, RegistryService registry, GrantSource grants, Clock clock) {
        this.tokens = key.tokens(serviceKey.key()).orElse(null);
        this.registry = registry;
        this.grants = grants;
        this.clock = clock;
    }

    /** The caller the token speaks for; 401 for no token, a forged or an expired one. */
    public HostCaller authenticate(@Nullable String token) {
        Optional<InvocationToken> verified = tokens == null ? Optional.empty() : tokens.verify(token, clock.millis());
        InvocationToken valid = verified.orElseThrow(() -> new PlatformException(ProblemType.UNAUTHENTICATED,
                "The host API needs a valid invocation token in " + InvocationToken.HEADER + "."));
        // a call routed to a deployment without a route out runs "1.0.0+offline": the manifest is 1.0.0's
        String version = valid.version().contains("+") ? valid.version().substring(0, valid.version().indexOf('+')) : valid.version();
        return new HostCaller(registry.manifestInRange(valid.addon(), SemVerRange.parse(version)),
                valid.hasSite() ? Optional.of(valid.site()) : Optional.empty(), valid.callId());
    }

    /**
     * The site the caller serves, where it holds {@code permission}; 403 {@code permission-denied} naming
     * the permission otherwise (also for a call of no site: host data always belongs to a site).
     */
    public String requireOnSite(HostCaller caller, Permission permission) {
        String site = caller.site().orElseThrow(() -> denied(caller, permission, "this call was made for no site"));
        if (!grants.holds(caller.manifest(), permission, site)) {
            throw denied(caller, permission, "site '" + site + "' has not granted it");
        }
        return site;
    }

    /**
     * 403 {@code permission-denied} naming {@code permission} unless the caller holds it where it acts: on
     * its site, as granted there; for a call of no site, as its manifest requests (events only: data
     * always belongs to a site, see {@link #requireOnSite}).
     */
    public void require(HostCaller caller, Permission permission) {
        String site = caller.site().orElse(null);
        if (!grants.holds(caller.manifest(), permission, site)) {
            throw denied(caller, permission, site == null ? "its manifest does not request it" : "site '" + site + "' has not granted it");
        }
    }

    private static PlatformException denied(HostCaller caller, Permission permission, String why) {
        PlatformException denied = new PlatformException(ProblemType.PERMISSION_DENIED, "Addon '" + caller.addon() + "' needs the permission '"
                + permission.id() + "' for this, and " + why + ".", List.of(new FieldError("/permission", "needs " + permission.id())));
        denied.getBody().setProperty("permission", permission.id());
        return denied;
    }
}
