package com.themepress.server.permissions;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.runtimeclient.DeploymentRequest;
import com.themepress.runtimeclient.RuntimeTarget;

/**
 * How an addon version is deployed, as far as its grants decide it: a sandbox with a route out only
 * when {@code network.outbound} is held. Every path that deploys (execute, event delivery, widget
 * resolution for the renderer) asks here, so that a per-site grant changes all of them at once, and so
 * that a version stored before an image became internal still cannot run it. A manifest that names a
 * WebAssembly module deploys its uploaded module, by SHA-256, and never has a route out.
 */
@Component
public class Deployments {

    private final GrantSource grants;
    private final ImagePolicy images;
    private final ModuleDigests modules;

    Deployments(GrantSource grants, ImagePolicy images, ModuleDigests modules) {
        this.grants = grants;
        this.images = images;
        this.modules = modules;
    }

    /**
     * What the runtime is asked to run; 403 {@code image-not-allowed} for an image no addon may run, 503
     * for a module version whose module has not been uploaded yet.
     */
    public DeploymentRequest request(AddonManifest manifest) {
        if (manifest.namesModule()) {
            String sha256 = modules.sha256(manifest.name(), manifest.version()).orElseThrow(() -> new PlatformException(
                    ProblemType.UNAVAILABLE, "Addon " + manifest.name() + "@" + manifest.version() + " has no module yet; its owner "
                            + "uploads it with PUT /api/addons/" + manifest.name() + "/versions/" + manifest.version() + "/module."));
            return DeploymentRequest.ofModule(manifest, sha256);
        }
        images.requireDeployable(manifest);
        return DeploymentRequest.of(manifest, grants.holds(manifest, Permission.NETWORK_OUTBOUND, null));
    }

    /** The runtime target for {@code manifest}; its deployment body is only made if the runtime asks for it. */
    public RuntimeTarget target(AddonManifest manifest) {
        return RuntimeTarget.of(manifest, () -> request(manifest));
    }

    /**
     * The target for a call made for {@code site}. An addon that requests {@code network.outbound} on a
     * site that did not grant it runs in a deployment of its own without a route out: the version
     * with build metadata {@code +offline}, which SemVer orders equal to the version but the runtime
     * keeps apart. So no call for that site ever lands in an instance that can reach the network.
     */
    public RuntimeTarget target(AddonManifest manifest, @Nullable String site) {
        if (manifest.namesModule() || site == null || !grants.holds(manifest, Permission.NETWORK_OUTBOUND, null) || grants.holds(manifest, Permission.NETWORK_OUTBOUND, site)) {
            return target(manifest);
        }
        return new RuntimeTarget(manifest.name(), offline(manifest.version()), manifest.resources().timeoutMs(), () -> {
            images.requireDeployable(manifest);
            return StrictJson.mapper().writeValueAsBytes(DeploymentRequest.of(manifest, false));
        });
    }

    static String offline(String version) {
        return version + (version.contains("+") ? ".offline" : "+offline");
    }
}
