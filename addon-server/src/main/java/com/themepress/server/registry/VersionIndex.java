package com.themepress.server.registry;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.themepress.model.semver.SemVer;

/** Picks "latest" the way a user expects: the highest release, or the highest prerelease if there is no release. */
final class VersionIndex {

    private static final Comparator<String> PRECEDENCE = Comparator.comparing(SemVer::parse);

    private VersionIndex() {
    }

    static Optional<String> latest(Collection<String> activeVersions) {
        Optional<String> release = activeVersions.stream()
                .filter(v -> !SemVer.parse(v).isPrerelease())
                .max(PRECEDENCE);
        return release.isPresent() ? release : activeVersions.stream().max(PRECEDENCE);
    }

    static List<VersionEntry> newestFirst(List<VersionEntry> versions) {
        return versions.stream()
                .sorted(Comparator.comparing((VersionEntry v) -> SemVer.parse(v.version())).reversed())
                .toList();
    }
}
