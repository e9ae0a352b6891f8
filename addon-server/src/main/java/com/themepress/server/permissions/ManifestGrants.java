package com.themepress.server.permissions;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;

/** An addon holds what its manifest requests, on every site. */
@Component
public class ManifestGrants implements GrantSource {

    @Override
    public boolean holds(AddonManifest addon, Permission permission, @Nullable String site) {
        return addon.requests(permission);
    }
}
