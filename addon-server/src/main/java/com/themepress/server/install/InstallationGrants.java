package com.themepress.server.install;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.server.permissions.GrantSource;
import com.themepress.server.permissions.ManifestGrants;

/**
 * The one answer to "may addon A, installed on site S, do P?": on a site, the addon must be installed
 * there and the site must have granted P (and the manifest still request it). A question tied to no
 * site (an event published without one, the developer testing their own addon) keeps the manifest's
 * answer.
 */
@Primary
@Component
class InstallationGrants implements GrantSource {

    private final InstallationDirectory installations;
    private final ManifestGrants requested;

    InstallationGrants(InstallationDirectory installations, ManifestGrants requested) {
        this.installations = installations;
        this.requested = requested;
    }

    @Override
    public boolean holds(AddonManifest addon, Permission permission, @Nullable String site) {
        if (!requested.holds(addon, permission, null)) {
            return false;
        }
        return site == null || installations.find(site, addon.name())
                .map(installation -> installation.grant().contains(permission.id())).orElse(false);
    }
}
