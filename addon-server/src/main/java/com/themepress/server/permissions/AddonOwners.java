package com.themepress.server.permissions;

/**
 * Who owns an addon, as the registry records it. A port, so that decisions here depend on no feature
 * package: the registry answers ({@code registry/RegistryOwners}).
 */
public interface AddonOwners {

    /** Whether {@code developer} owns the addon named {@code addon}; false for unknown names. */
    boolean owns(String developer, String addon);
}
