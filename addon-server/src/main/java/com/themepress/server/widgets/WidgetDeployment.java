package com.themepress.server.widgets;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.manifest.Resources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The body of {@code PUT /runtime/deployments/{name}/{version}}, which the renderer sends when the
 * runtime does not know the version yet. Same rule as the execute path's deployment: a manifest
 * without {@code image} runs {@code themepress/addon-NAME:VERSION}.
 */
record WidgetDeployment(String image, Resources resources, boolean networkOutbound, JsonNode config) {

    static WidgetDeployment of(AddonManifest manifest) {
        String image = manifest.image() != null ? manifest.image()
                : "themepress/addon-" + manifest.name() + ":" + manifest.version();
        return new WidgetDeployment(image, manifest.resources(), manifest.requests(Permission.NETWORK_OUTBOUND),
                JsonNodeFactory.instance.objectNode());
    }
}
