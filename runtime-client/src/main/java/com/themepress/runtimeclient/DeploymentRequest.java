package com.themepress.runtimeclient;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Resources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the runtime needs to run an addon version: the body of {@code PUT /runtime/deployments/{name}/{version}}.
 * The addon-server sends it on the execute and delivery paths and hands it to the renderer in widget
 * resolutions. A manifest without {@code image} runs the conventional {@code themepress/addon-NAME:VERSION};
 * a manifest that names a {@code module} runs its uploaded WebAssembly module, named by its SHA-256
 * (and no image).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentRequest(@Nullable String image, Resources resources, boolean networkOutbound, JsonNode config,
        @Nullable String module) {

    public DeploymentRequest(String image, Resources resources, boolean networkOutbound, JsonNode config) {
        this(image, resources, networkOutbound, config, null);
    }

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

    /** A module deployment: the module uploaded for this version, by its SHA-256; a module has no network. */
    public static DeploymentRequest ofModule(AddonManifest manifest, String moduleSha256) {
        return new DeploymentRequest(null, manifest.resources(), false, JsonNodeFactory.instance.objectNode(), moduleSha256);
    }
}
