package com.themepress.server.hostapi;

import java.util.Optional;

import com.themepress.model.manifest.AddonManifest;

/**
 * The addon a host API request speaks for, as its invocation token says: the manifest of the version
 * the call ran, and the site it ran for (empty for a call of no site).
 */
public record HostCaller(AddonManifest manifest, Optional<String> site, String callId) {

    public String addon() {
        return manifest.name();
    }
}
