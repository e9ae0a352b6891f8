package com.themepress.server.install;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.databind.JsonNode;

/**
 * A site's grant: the manifest's permissions the admin accepts, plus {@code page.script}, which no
 * manifest asks for: it is the site's decision to let the addon's widget script run in its pages.
 */
final class Grants {

    static final String PAGE_SCRIPT = "page.script";

    private Grants() {
    }

    /** The grant in {@code body}, each entry requested by {@code manifest} (or {@code page.script}); 400 otherwise. */
    static List<String> parse(JsonNode grant, AddonManifest manifest, String pointer) {
        if (!grant.isArray()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The grant must be an array of permissions.",
                    List.of(new FieldError(pointer, "an array such as [\"events.publish\"]")));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < grant.size(); i++) {
            String permission = grant.get(i).isString() ? grant.get(i).asString() : "";
            boolean requested = Permission.fromId(permission).map(manifest::requests).orElse(false);
            if (!requested && !PAGE_SCRIPT.equals(permission)) {
                errors.add(new FieldError(pointer + "/" + i, "'" + permission + "' is not a permission " + manifest.name() + "@"
                        + manifest.version() + " requests; it requests " + manifest.permissions()));
            }
            result.add(permission);
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The grant names permissions the addon does not request.", errors);
        }
        return List.copyOf(result);
    }

    /** What {@code manifest} requests beyond {@code grant}: what an upgrade must be granted. */
    static List<String> missing(AddonManifest manifest, List<String> grant) {
        return manifest.permissions().stream().filter(permission -> !grant.contains(permission)).toList();
    }

    /** The part of {@code grant} that {@code manifest} still requests (a downgrade may request less). */
    static List<String> within(AddonManifest manifest, List<String> grant) {
        return grant.stream().filter(p -> PAGE_SCRIPT.equals(p) || manifest.permissions().contains(p)).toList();
    }
}
