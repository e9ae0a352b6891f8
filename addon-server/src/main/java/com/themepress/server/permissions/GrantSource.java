package com.themepress.server.permissions;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;

/**
 * Whether an addon holds a permission. Today the manifest alone answers ({@link ManifestGrants}); per-site
 * installations will answer with what the site granted, which is why every question names the site.
 */
public interface GrantSource {

    /** Whether {@code addon} holds {@code permission} on {@code site} (null: a question not tied to a site). */
    boolean holds(AddonManifest addon, Permission permission, @Nullable String site);
}
