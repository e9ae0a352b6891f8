package com.themepress.server.install;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.http.SiteContext;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.semver.SemVerRange;
import com.themepress.server.permissions.GrantSource;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.sites.SiteCaller;
import com.themepress.server.sites.SiteDirectory;

/**
 * The checks of a call made on behalf of a site (execute with a site key): the addon is installed on
 * the site (404 otherwise), a publishable key comes from one of the site's origins, and the site
 * granted every permission the endpoint needs (403 naming the first it did not).
 */
@Component
public class SiteCalls {

    private final InstallationDirectory installations;
    private final RegistryService registry;
    private final SiteDirectory sites;
    private final GrantSource grants;

    SiteCalls(InstallationDirectory installations, RegistryService registry, SiteDirectory sites, GrantSource grants) {
        this.installations = installations;
        this.registry = registry;
        this.sites = sites;
        this.grants = grants;
    }

    /** The version installed on a site, and what its calls tell the container: the site and the installation's settings. */
    public record Installed(AddonManifest manifest, SiteContext context) {
    }

    /** The version installed on the caller's site. */
    public Installed installed(SiteCaller caller, @Nullable String origin, String addon) {
        if (!caller.secret() && (origin == null || !sites.require(caller.site()).allowsOrigin(origin))) {
            throw new PlatformException(ProblemType.FORBIDDEN, "The publishable key of site '" + caller.site() + "' works only from its origins; "
                    + (origin == null ? "this request has no Origin." : "'" + origin + "' is not one of them."),
                    List.of(new FieldError("/headers/Origin", "one of the site's origins")));
        }
        InstallationDocument installation = installations.find(caller.site(), addon).orElseThrow(() -> new PlatformException(
                ProblemType.NOT_FOUND, "Addon '" + addon + "' is not installed on site '" + caller.site() + "'.",
                List.of(new FieldError("/addon", "not installed on the site"))));
        AddonManifest manifest = registry.manifestInRange(addon, SemVerRange.parse(installation.version()));
        return new Installed(manifest, SiteContext.of(caller.site(),
                InstallConfigs.text(InstallConfigs.parse(installation.config()).path("settings"))));
    }

    /** Whether {@code addon} is installed on {@code site} now (any version, any grant): what keeps its stored data. */
    public boolean isInstalled(String site, String addon) {
        return installations.find(site, addon).isPresent();
    }

    /** 403 {@code permission-denied} naming the first permission {@code endpoint} needs that {@code site} did not grant. */
    public void requireGranted(String site, AddonManifest manifest, EndpointSpec endpoint) {
        for (String needed : endpoint.permissions()) {
            Permission permission = Permission.fromId(needed).orElseThrow();
            if (!grants.holds(manifest, permission, site)) {
                PlatformException denied = new PlatformException(ProblemType.PERMISSION_DENIED, "Endpoint '" + endpoint.name() + "' of '"
                        + manifest.name() + "' needs the permission '" + needed + "', which site '" + site + "' has not granted it.",
                        List.of(new FieldError("/action", "needs " + needed)));
                denied.getBody().setProperty("permission", needed);
                throw denied;
            }
        }
    }
}
