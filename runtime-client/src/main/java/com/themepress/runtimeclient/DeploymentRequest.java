package com.themepress.runtimeclient;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Resources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the runtime needs to run an addon version: the body of {@code PUT /runtime/deployments/{name}/{version}}.
 * The addon-server sends it on the execute and delivery paths and hands it to the renderer in widget
 * resolutions. A manifest without {@code image} runs the conventional {@code themepress/addon-NAME:VERSION}.
 */
public record DeploymentRequest(String image, Resources resources, boolean networkOutbound, JsonNode config) {

    /**
     * {@code networkOutbound} is the caller's decision (the addon-server's permissions), not the manifest's:
     * a manifest only asks for {@code network.outbound}.
     */
    public static DeploymentRequest of(AddonManifest manifest, boolean networkOutbound) {
        String image = manifest.image() != null ? manifest.image()
                : "themepress/addon-" + manifest.name() + ":" + manifest.version();
        return new DeploymentRequest(image, manifest.resources(), networkOutbound,
                JsonNodeFactory.instance.objectNode());
    }
}
