package com.themepress.server.install;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.semver.SemVer;
import com.themepress.model.semver.SemVerRange;
import com.themepress.server.cluster.ClusterBroadcasts;
import com.themepress.server.keys.KeyProperties;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.sites.SiteAudit;
import com.themepress.server.sites.SiteDirectory;
import com.themepress.server.widgets.RendererNotice;

import tools.jackson.databind.JsonNode;

/**
 * Installs, reconfigures, upgrades, rolls back and uninstalls addons on a site. Each change checks
 * the dependencies on that site, writes the next revision and an audit entry, and tells every
 * replica ({@link InstallationChanged}) and every renderer, answering only once the renderers confirmed ({@link RendererNotice}).
 */
@Service
class Installations {

    private final InstallationDirectory directory;
    private final RegistryService registry;
    private final SiteDirectory sites;
    private final SiteAudit audit;
    private final ClusterBroadcasts broadcasts;
    private final RendererNotice renderers;
    private final Duration confirmWait;
    private final Clock clock;

    Installations(InstallationDirectory directory, RegistryService registry, SiteDirectory sites, SiteAudit audit,
            ClusterBroadcasts broadcasts, RendererNotice renderers, KeyProperties keyProperties, Clock clock) {
        this.confirmWait = keyProperties.revocationConfirmTimeout();
        this.renderers = renderers;
        this.directory = directory;
        this.registry = registry;
        this.sites = sites;
        this.audit = audit;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    InstallationDocument install(String site, String addon, String versionOrRange, @Nullable JsonNode config, JsonNode grant, String actor) {
        sites.require(site);
        if (directory.find(site, addon).isPresent()) {
            throw new PlatformException(ProblemType.ALREADY_EXISTS, addon + " is installed on " + site
                    + " already; change it with PATCH or PUT /api/sites/" + site + "/addons/" + addon + ".");
        }
        AddonManifest manifest = manifest(addon, versionOrRange, "/version");
        List<String> granted = Grants.parse(grant, manifest, "/grant");
        String completed = InstallConfigs.text(InstallConfigs.complete(manifest, config));
        requireDependencies(site, manifest);
        Instant now = clock.instant();
        InstallationDocument installation = new InstallationDocument(InstallationDocument.idOf(site, addon), site, addon, manifest.version(),
                granted, completed, 1, now, now, null);
        try {
            installation = directory.insert(installation);
        } catch (DuplicateKeyException e) {
            throw new PlatformException(ProblemType.ALREADY_EXISTS, addon + " was installed on " + site + " meanwhile.");
        }
        changed(installation, actor, "installed", manifest.version() + ", granted " + granted);
        return installation;
    }

    InstallationDocument reconfigure(String site, String addon, @Nullable JsonNode config, @Nullable JsonNode grant, @Nullable Integer ifMatch,
            String actor) {
        InstallationDocument current = require(site, addon, ifMatch);
        AddonManifest manifest = manifest(addon, current.version(), "/version");
        String completed = config == null ? current.config() : InstallConfigs.text(InstallConfigs.complete(manifest, config));
        List<String> granted = grant == null ? current.grant() : Grants.parse(grant, manifest, "/grant");
        InstallationDocument next = save(current.next(current.version(), granted, completed, clock.instant()));
        List<String> what = new ArrayList<>();
        if (config != null) {
            what.add("config");
        }
        if (grant != null) {
            what.add("grant " + granted);
        }
        changed(next, actor, grant != null && config == null ? "granted" : "reconfigured", String.join(", ", what));
        return next;
    }

    /** Upgrades or downgrades; what the new version requests beyond the old must be in {@code grant}, else 409. */
    InstallationDocument changeVersion(String site, String addon, String versionOrRange, @Nullable JsonNode config, @Nullable JsonNode grant,
            @Nullable Integer ifMatch, String actor) {
        InstallationDocument current = require(site, addon, ifMatch);
        AddonManifest from = manifest(addon, current.version(), "/version");
        AddonManifest to = manifest(addon, versionOrRange, "/version");
        List<String> granted = grant == null ? Grants.within(to, current.grant()) : Grants.parse(grant, to, "/grant");
        List<String> ungranted = to.permissions().stream().filter(p -> !from.permissions().contains(p) && !granted.contains(p)).toList();
        if (!ungranted.isEmpty()) {
            throw new PlatformException(ProblemType.GRANT_REQUIRED, addon + "@" + to.version() + " requests " + ungranted
                    + " beyond what " + from.version() + " did; grant them in the same call (\"grant\") or stay on " + from.version() + ".",
                    ungranted.stream().map(p -> new FieldError("/grant", "'" + p + "' must be granted")).toList());
        }
        JsonNode base = config != null ? config : InstallConfigs.parse(current.config());
        String completed = InstallConfigs.text(InstallConfigs.complete(to, base));
        requireDependencies(site, to);
        requireDependentsSatisfied(site, addon, to.version());
        InstallationDocument next = save(current.next(to.version(), granted, completed, clock.instant()));
        boolean up = SemVer.parse(to.version()).compareTo(SemVer.parse(from.version())) >= 0;
        changed(next, actor, up ? "upgraded" : "downgraded", from.version() + " -> " + to.version() + ", granted " + granted);
        return next;
    }

    /** Back to the previous revision: its version, config and grant together. */
    InstallationDocument rollback(String site, String addon, @Nullable Integer ifMatch, String actor) {
        InstallationDocument current = require(site, addon, ifMatch);
        InstallationRevision previous = directory.revision(site, addon, current.revision() - 1).orElseThrow(() -> new PlatformException(
                ProblemType.CONCURRENT_MODIFICATION, addon + " on " + site + " is at its first revision; there is nothing to roll back to."));
        AddonManifest manifest = manifest(addon, previous.version(), "/version");
        requireDependencies(site, manifest);
        requireDependentsSatisfied(site, addon, previous.version());
        InstallationDocument next = save(current.next(previous.version(), previous.grant(), previous.config(), clock.instant()));
        changed(next, actor, "rolled-back", "to revision " + previous.revision() + " (" + previous.version() + ", granted "
                + previous.grant() + ")");
        return next;
    }

    void uninstall(String site, String addon, @Nullable Integer ifMatch, String actor) {
        InstallationDocument current = require(site, addon, ifMatch);
        List<String> dependents = new ArrayList<>();
        for (InstallationDocument other : directory.onSite(site)) {
            if (!other.addon().equals(addon) && manifest(other.addon(), other.version(), "/version").dependencies().containsKey(addon)) {
                dependents.add(other.addon() + "@" + other.version());
            }
        }
        if (!dependents.isEmpty()) {
            throw new PlatformException(ProblemType.INSTALLATION_IN_USE, dependents + " on " + site + " depend on " + addon
                    + "; uninstall those first.");
        }
        directory.delete(current);
        audit.record(site, actor, "uninstalled", addon, current.version());
        broadcasts.publishAndConfirm(new InstallationChanged(site, addon), confirmWait);
        renderers.tellAndConfirm(addon);
    }

    Optional<InstallationDocument> find(String site, String addon) {
        sites.require(site);
        return directory.find(site, addon);
    }

    List<InstallationDocument> list(String site) {
        sites.require(site);
        return directory.onSite(site);
    }

    private InstallationDocument require(String site, String addon, @Nullable Integer ifMatch) {
        InstallationDocument current = find(site, addon).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                addon + " is not installed on " + site + "."));
        if (ifMatch != null && ifMatch != current.revision()) {
            throw new PlatformException(ProblemType.PRECONDITION_FAILED, addon + " on " + site + " is at revision " + current.revision()
                    + ", not " + ifMatch + "; read it again and repeat the change.");
        }
        return current;
    }

    private AddonManifest manifest(String addon, String versionOrRange, String pointer) {
        SemVerRange range;
        try {
            range = SemVerRange.parse(versionOrRange);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + versionOrRange + "' is not a version or range.",
                    List.of(new FieldError(pointer, "a version (1.2.0) or a range (^1.2)")));
        }
        return registry.manifestInRange(addon, range);
    }

    /** Each dependency of {@code manifest} is installed on {@code site} in a version its range takes; else 409 naming each. */
    private void requireDependencies(String site, AddonManifest manifest) {
        List<FieldError> missing = new ArrayList<>();
        for (Map.Entry<String, String> dependency : manifest.dependencies().entrySet()) {
            SemVerRange range = SemVerRange.parse(dependency.getValue());
            Optional<InstallationDocument> installed = directory.find(site, dependency.getKey());
            if (installed.isEmpty()) {
                missing.add(new FieldError("/dependencies/" + dependency.getKey(), "not installed on " + site + "; needs " + range));
            } else if (!range.satisfies(SemVer.parse(installed.get().version()))) {
                missing.add(new FieldError("/dependencies/" + dependency.getKey(), installed.get().version() + " is installed; needs " + range));
            }
        }
        if (!missing.isEmpty()) {
            throw new PlatformException(ProblemType.DEPENDENCY_NOT_INSTALLED, manifest.name() + "@" + manifest.version()
                    + " needs on " + site + ": " + String.join("; ", missing.stream().map(e -> e.pointer().substring(14) + " " + e.message())
                    .toList()) + ".", missing);
        }
    }

    /** Addons on {@code site} that depend on {@code addon} still accept {@code version}; else 409. */
    private void requireDependentsSatisfied(String site, String addon, String version) {
        List<String> broken = new ArrayList<>();
        for (InstallationDocument other : directory.onSite(site)) {
            if (other.addon().equals(addon)) {
                continue;
            }
            String range = manifest(other.addon(), other.version(), "/version").dependencies().get(addon);
            if (range != null && !SemVerRange.parse(range).satisfies(SemVer.parse(version))) {
                broken.add(other.addon() + "@" + other.version() + " (needs " + range + ")");
            }
        }
        if (!broken.isEmpty()) {
            throw new PlatformException(ProblemType.INSTALLATION_IN_USE, addon + "@" + version + " would break " + broken + " on " + site + ".");
        }
    }

    private InstallationDocument save(InstallationDocument next) {
        try {
            return directory.save(next);
        } catch (OptimisticLockingFailureException e) {
            throw new PlatformException(ProblemType.PRECONDITION_FAILED, next.addon() + " on " + next.site()
                    + " changed meanwhile; read it again and repeat the change.");
        }
    }

    private void changed(InstallationDocument installation, String actor, String action, String detail) {
        directory.record(InstallationRevision.of(installation, action));
        audit.record(installation.site(), actor, action, installation.addon(), detail);
        // a grant taken back holds on every replica once this answers, as a revoked key does
        broadcasts.publishAndConfirm(new InstallationChanged(installation.site(), installation.addon()), confirmWait);
        renderers.tellAndConfirm(installation.addon()); // answered only once no renderer serves the old config
    }
}
