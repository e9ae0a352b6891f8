package com.themepress.runtimeclient;

import java.util.function.Supplier;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.schema.StrictJson;

/**
 * An addon version as the runtime knows it: where its calls go, how long the addon may take
 * ({@code resources.timeoutMs}), and the deployment body to PUT when the runtime has not heard of it.
 * The body is only made when needed: most calls find the version deployed.
 */
public record RuntimeTarget(String addon, String version, int timeoutMs, Supplier<byte[]> deployment) {

    /** From the manifest the addon-server holds, deployed with {@code deployment} when the runtime lacks it. */
    public static RuntimeTarget of(AddonManifest manifest, Supplier<DeploymentRequest> deployment) {
        return new RuntimeTarget(manifest.name(), manifest.version(), manifest.resources().timeoutMs(),
                () -> StrictJson.mapper().writeValueAsBytes(deployment.get()));
    }

    /** From a deployment body already serialised (the renderer gets it in the widget resolution). */
    public static RuntimeTarget of(String addon, String version, int timeoutMs, byte[] deployment) {
        return new RuntimeTarget(addon, version, timeoutMs, () -> deployment);
    }

    /** {@code /runtime/deployments/{addon}/{version}}: PUT deploys, {@code POST .../{function}} calls. */
    public String path() {
        return "/runtime/deployments/" + addon + "/" + version;
    }
}
