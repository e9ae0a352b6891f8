package com.themepress.server.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.themepress.model.semver.SemVer;

/** Picks "latest" the way a user expects: the highest release, or the highest prerelease if there is no release. */
final class VersionIndex {

    private VersionIndex() {
    }

    static Optional<AddonVersionDocument> latest(List<AddonVersionDocument> versions) {
        Comparator<AddonVersionDocument> byPrecedence = Comparator.comparing(v -> SemVer.parse(v.version()));
        Optional<AddonVersionDocument> release = versions.stream()
                .filter(v -> !v.withdrawn() && !SemVer.parse(v.version()).isPrerelease())
                .max(byPrecedence);
        return release.isPresent() ? release
                : versions.stream().filter(v -> !v.withdrawn()).max(byPrecedence);
    }

    static List<AddonVersionDocument> newestFirst(List<AddonVersionDocument> versions) {
        return versions.stream()
                .sorted(Comparator.comparing((AddonVersionDocument v) -> SemVer.parse(v.version())).reversed())
                .toList();
    }
}
