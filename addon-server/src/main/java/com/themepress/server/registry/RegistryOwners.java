package com.themepress.server.registry;

import org.springframework.stereotype.Component;

import com.themepress.server.keys.Caller;
import com.themepress.server.permissions.AddonOwners;

/** Answers the permission decisions' question about ownership from the registry. */
@Component
class RegistryOwners implements AddonOwners {

    private final RegistryService registry;

    RegistryOwners(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public boolean owns(String developer, String addon) {
        return registry.isOwner(new Caller(developer, false), addon);
    }
}
