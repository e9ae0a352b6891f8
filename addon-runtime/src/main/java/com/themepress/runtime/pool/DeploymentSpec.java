package com.themepress.runtime.pool;

import com.themepress.model.manifest.Resources;

/**
 * What instances of a deployment are made from. Two specs with the same {@link #hash()} make
 * interchangeable instances; a PUT with a different hash replaces the pool's instances.
 *
 * @param image container image serving the addon contract on port 3000
 * @param resources limits and pool sizing
 * @param networkOutbound whether instances may open connections out of the sandbox
 * @param configJson the addon configuration as compact JSON, given to instances as ADDON_CONFIG
 * @param hash SHA-256 of the canonical form of all of the above, hex
 */
public record DeploymentSpec(String image, Resources resources, boolean networkOutbound, String configJson, String hash) {
}
