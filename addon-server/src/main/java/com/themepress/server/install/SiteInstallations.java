package com.themepress.server.install;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;

/**
 * What other faces of the API (GraphQL) may do with installations: the same {@link Installations}
 * calls the REST controller makes, after the same {@code SiteAccess} check by the caller. Documents
 * stay inside this package; callers get {@link Installed}.
 */
@Component
public class SiteInstallations {

    private final Installations installations;

    SiteInstallations(Installations installations) {
        this.installations = installations;
    }

    /** An installation as the API shows it: the stored config is the completed one (defaults filled in). */
    public record Installed(String site, String addon, String version, List<String> grant, JsonNode config, int revision,
            Instant installedAt, Instant updatedAt) {

        static Installed of(InstallationDocument installation) {
            return new Installed(installation.site(), installation.addon(), installation.version(), installation.grant(),
                    InstallConfigs.parse(installation.config()), installation.revision(), installation.installedAt(),
                    installation.updatedAt());
        }
    }

    /** {@code versionOrRange} as in REST: exact or a range, {@code *} for the highest; {@code grant} a JSON array. */
    public Installed install(String site, String addon, String versionOrRange, @Nullable JsonNode config, @Nullable JsonNode grant,
            String actor) {
        return Installed.of(installations.install(site, addon, versionOrRange, config,
                grant == null ? StrictJson.mapper().createArrayNode() : grant, actor));
    }

    public Installed reconfigure(String site, String addon, @Nullable JsonNode config, @Nullable JsonNode grant, String actor) {
        return Installed.of(installations.reconfigure(site, addon, config, grant, null, actor));
    }

    public List<Installed> list(String site) {
        return installations.list(site).stream().map(Installed::of).toList();
    }

    public Optional<Installed> find(String site, String addon) {
        return installations.find(site, addon).map(Installed::of);
    }
}
