package com.themepress.server.permissions;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.runtimeclient.DeploymentRequest;

/**
 * Which image an addon version may run: one that belongs to the developer who registers it. In this
 * order, for the image the runtime would start (the manifest's, or the conventional
 * {@code themepress/addon-<name>} when it names none):
 * <ol>
 * <li>an image id ({@code sha256:…}) is refused: it names no owner;</li>
 * <li>a platform-internal image ({@link ImageProperties#internal()}) is refused;</li>
 * <li>a repository some developer's {@code namespaces} entry names belongs to those developers only;</li>
 * <li>the addon's own conventional repository belongs to whoever owns the addon name, which the
 *     registry has checked already;</li>
 * <li>anything else must fall under the caller's own entries, or its default namespace
 *     {@code <registry>/<developer>/}; the platform's {@code themepress/} namespace is never a default.</li>
 * </ol>
 */
@Component
public class ImagePolicy {

    static final String PLATFORM_NAMESPACE = "themepress/";
    private static final String CONVENTIONAL = PLATFORM_NAMESPACE + "addon-";
    private static final List<FieldError> AT_IMAGE = List.of(new FieldError("/image", "not an image this developer may run"));

    private final ImageProperties properties;

    public ImagePolicy(ImageProperties properties) {
        this.properties = properties;
    }

    /** Returns when {@code developer} may register {@code manifest} with its image; throws the 403 otherwise. */
    public void requireMayRegister(AddonManifest manifest, String developer) {
        if (manifest.namesModule()) {
            return; // a WebAssembly module runs no image
        }
        refuseRegistration(manifest, developer).ifPresent(reason -> {
            throw new PlatformException(ProblemType.IMAGE_NOT_ALLOWED, reason, AT_IMAGE);
        });
    }

    /**
     * Returns when {@code manifest}'s image may be deployed at all; throws the 403 otherwise. Versions
     * registered before a setting changed (or before the rule existed) meet this at deploy time.
     */
    public void requireDeployable(AddonManifest manifest) {
        if (manifest.namesModule()) {
            return;
        }
        refuseAnyone(ImageReference.parse(imageOf(manifest))).ifPresent(reason -> {
            throw new PlatformException(ProblemType.IMAGE_NOT_ALLOWED, reason, AT_IMAGE);
        });
    }

    Optional<String> refuseRegistration(AddonManifest manifest, String developer) {
        ImageReference image = ImageReference.parse(imageOf(manifest));
        Optional<String> refused = refuseAnyone(image);
        if (refused.isPresent()) {
            return refused;
        }
        List<String> claimants = properties.namespaces().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(image::matches)).map(e -> e.getKey()).sorted().toList();
        if (!claimants.isEmpty()) {
            return claimants.contains(developer) ? Optional.empty()
                    : Optional.of(describe(image, manifest) + " belongs to another developer; name an image of your own.");
        }
        if (image.repository().equals(CONVENTIONAL + manifest.name())) {
            return Optional.empty();
        }
        List<String> own = properties.namespaces().get(developer);
        if (own != null) { // no entry matched, the caller's included
            return Optional.of(describe(image, manifest) + " is outside your image repositories (" + String.join(", ", own) + ").");
        }
        String namespace = defaultNamespace(developer);
        if (image.repository().startsWith(PLATFORM_NAMESPACE) || !image.matches(namespace)) {
            return Optional.of(describe(image, manifest) + " is outside your namespace " + namespace + " (or "
                    + CONVENTIONAL + manifest.name() + ", this addon's own repository).");
        }
        return Optional.empty();
    }

    private Optional<String> refuseAnyone(ImageReference image) {
        if (image.isImageId()) {
            return Optional.of("Image '" + image.image() + "' is an image id; name the image by its repository, so that its owner is known.");
        }
        if (properties.internal().stream().anyMatch(image::matches)) {
            return Optional.of("Image '" + image.image() + "' is one of the platform's own images; addons cannot run it.");
        }
        return Optional.empty();
    }

    private String defaultNamespace(String developer) {
        return properties.registry().isEmpty() ? developer + "/" : properties.registry() + "/" + developer + "/";
    }

    private static String describe(ImageReference image, AddonManifest manifest) {
        return manifest.image() == null
                ? "Image '" + image.image() + "' (the default for a manifest without \"image\")"
                : "Image '" + image.image() + "'";
    }

    private static String imageOf(AddonManifest manifest) {
        // The runtime's own rule for a manifest without an image, so the two cannot differ.
        return DeploymentRequest.of(manifest, false).image();
    }
}
