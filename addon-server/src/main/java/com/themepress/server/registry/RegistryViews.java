package com.themepress.server.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** What the registry API answers; documents never leave the service as they are stored. */
final class RegistryViews {

    private RegistryViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AddonSummary(String name, String latestVersion, String category, String description, String author,
            String owner, int versions, Instant updatedAt) {

        static AddonSummary of(AddonDocument addon) {
            return new AddonSummary(addon.name(), addon.latestVersion(), addon.category(), addon.description(),
                    addon.author(), addon.owner(), addon.activeCount(), addon.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AddonDetail(String name, String latestVersion, String category, String description, String author,
            String owner, Instant createdAt, Instant updatedAt, List<VersionSummary> versions,
            @JsonRawValue String manifest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionSummary(String version, Instant registeredAt, boolean withdrawn, Instant withdrawnAt) {

        static VersionSummary of(VersionEntry v) {
            return new VersionSummary(v.version(), v.registeredAt(), v.withdrawn(), v.withdrawnAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionDetail(String name, String version, Instant registeredAt, String registeredBy,
            Map<String, String> resolvedDependencies, @JsonRawValue String manifest) {

        static VersionDetail of(AddonVersionDocument v) {
            return new VersionDetail(v.name(), v.version(), v.registeredAt(), v.registeredBy(),
                    v.resolvedDependencies(), v.manifest());
        }
    }
}
