package com.themepress.server.graphql;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.themepress.model.manifest.WidgetSpec;
import com.themepress.server.install.SiteInstallations;
import com.themepress.server.registry.RegistryReads;

import tools.jackson.databind.JsonNode;

/** The objects the schema's types are read from; each record's components are the type's plain fields. */
final class Nodes {

    private Nodes() {
    }

    record AddonNode(String id, String name, String version, @Nullable String category, @Nullable String description,
            @Nullable String author, @Nullable String owner, @Nullable String updatedAt) {

        static AddonNode of(RegistryReads.AddonInfo addon) {
            return new AddonNode(addon.name(), addon.name(), addon.latestVersion(), addon.category(), addon.description(),
                    addon.author(), addon.owner(), addon.updatedAt() == null ? null : addon.updatedAt().toString());
        }
    }

    record AddonPage(List<AddonNode> items, int page, int size, long total) {
    }

    record VersionNode(String version, String registeredAt, boolean withdrawn, @Nullable String withdrawnAt) {

        static VersionNode of(RegistryReads.VersionInfo version) {
            return new VersionNode(version.version(), version.registeredAt().toString(), version.withdrawn(),
                    version.withdrawnAt() == null ? null : version.withdrawnAt().toString());
        }
    }

    record WidgetNode(String id, String name, String addon, String version, @Nullable String displayName,
            @Nullable String description, @Nullable String category, @Nullable String previewImage, boolean responsive,
            @Nullable JsonNode configSchema) {

        static WidgetNode of(String addon, String version, WidgetSpec widget) {
            return new WidgetNode(addon + "/" + widget.name(), widget.name(), addon, version, widget.displayName(), widget.description(),
                    widget.category(), widget.previewImage(), widget.responsive(), widget.configSchema());
        }
    }

    record ApiNode(String name, @Nullable String description, boolean isPublic, @Nullable JsonNode inputSchema,
            List<String> permissions) {
    }

    record InstallationNode(String site, String addon, String version, List<String> grant, JsonNode config, int revision,
            String installedAt, String updatedAt) {

        static InstallationNode of(SiteInstallations.Installed installed) {
            return new InstallationNode(installed.site(), installed.addon(), installed.version(), installed.grant(), installed.config(),
                    installed.revision(), installed.installedAt().toString(), installed.updatedAt().toString());
        }
    }

    record InstallResult(boolean success, InstallationNode installation) {
    }

    record SiteNode(String id, String name, List<String> origins) {
    }
}
