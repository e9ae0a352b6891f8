package com.themepress.server.execute;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.manifest.Resources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the runtime needs to run an addon version: the body of {@code PUT /runtime/deployments/{name}/{version}}.
 * A manifest without {@code image} runs the conventional {@code themepress/addon-NAME:VERSION}.
 */
record Deployment(String image, Resources resources, boolean networkOutbound, JsonNode config) {

    static Deployment of(AddonManifest manifest) {
        String image = manifest.image() != null ? manifest.image()
                : "themepress/addon-" + manifest.name() + ":" + manifest.version();
        return new Deployment(image, manifest.resources(), manifest.requests(Permission.NETWORK_OUTBOUND),
                JsonNodeFactory.instance.objectNode());
    }
}
