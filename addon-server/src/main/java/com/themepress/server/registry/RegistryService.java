package com.themepress.server.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.semver.SemVer;
import com.themepress.model.semver.SemVerRange;
import com.themepress.server.keys.Caller;
import com.themepress.server.permissions.ImagePolicy;

import tools.jackson.databind.JsonNode;

/**
 * The registry's rules: who may publish, immutability of name+version, dependencies that resolve,
 * withdrawal that never strands a dependent; an image of the publisher's own ({@link ImagePolicy}) and
 * resources within the quotas ({@link DeveloperQuotas}).
 */
@Service
public class RegistryService {

    private static final int LATEST_RETRIES = 10;
    private static final Duration SUBSCRIBERS_WAIT = Duration.ofMinutes(1);
    private static final ReentrantLock[] NAME_LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < NAME_LOCKS.length; i++) {
            NAME_LOCKS[i] = new ReentrantLock();
        }
    }

    private final RegistryStore store;
    private final DependencyResolver resolver;
    private final ManifestParser parser;
    private final Clock clock;
    private final RegistryChanges changes;
    private final CatalogueIndex catalogue;
    private final ManifestCache manifests;
    private final ImagePolicy images;
    private final DeveloperQuotas quotas;

    private final InstalledVersions installed;
    private final CurrentVersions currentVersions;

    RegistryService(RegistryStore store, DependencyResolver resolver, Clock clock, RegistryChanges changes,
            CatalogueIndex catalogue, SchemaLimitsProperties schemaLimits, ManifestCache manifests, ImagePolicy images,
            DeveloperQuotas quotas, InstalledVersions installed, CurrentVersions currentVersions) {
        this.installed = installed;
        this.currentVersions = currentVersions;
        this.manifests = manifests;
        this.parser = new ManifestParser(schemaLimits.limits());
        this.images = images;
        this.quotas = quotas;
        this.store = store;
        this.resolver = resolver;
        this.clock = clock;
        this.changes = changes;
        this.catalogue = catalogue;
    }

    AddonVersionDocument register(Caller caller, JsonNode body) {
        if (caller.admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN,
                    "Addons are published with a developer key, so that they have an owner; the admin key only manages keys.");
        }
        AddonManifest manifest = parser.parse(body);
        SemVer version = SemVer.parse(manifest.version());
        Optional<AddonDocument> existing = store.addon(manifest.name());
        existing.ifPresent(addon -> requireOwner(caller, addon));
        if (existing.isPresent() && existing.get().hasVersion(manifest.version())) {
            throw versionExists(manifest);
        }
        images.requireMayRegister(manifest, caller.developer());
        Map<String, String> resolved = resolver.resolve(manifest.name(), version, manifest.dependencies());
        Instant now = clock.instant();
        AddonVersionDocument stored = quotas.admit(caller.developer(), manifest, () -> insertVersion(caller, manifest, resolved, now));
        VersionEntry entry = new VersionEntry(stored.version(), false, now, null);
        UnaryOperator<AddonDocument> addEntry = addon -> addon.hasVersion(stored.version()) ? addon : addon.withAdded(entry, now);
        AddonDocument saved = existing.isPresent()
                ? updateAddon(manifest.name(), existing.get(), addEntry, stored)
                : claimName(caller, stored, entry, now, addEntry);
        changes.publish(saved);
        return stored;
    }

    private AddonVersionDocument insertVersion(Caller caller, AddonManifest manifest, Map<String, String> resolved, Instant now) {
        try {
            return store.stage(new AddonVersionDocument(
                    AddonVersionDocument.idOf(manifest.name(), manifest.version()), manifest.name(), manifest.version(),
                    AddonVersionDocument.keyOf(manifest.version()), manifest.category(), manifest.description(),
                    manifest.author(), manifest.dependencies(), List.copyOf(manifest.dependencies().keySet()), resolved,
                    StrictJson.mapper().writeValueAsString(manifest), !manifest.events().subscribes().isEmpty(),
                    WidgetSummary.of(manifest), manifest.resources(), caller.developer(), now, false, null, null));
        } catch (DuplicateKeyException e) {
            throw versionExists(manifest);
        }
    }

    /**
     * The first publisher of a name owns it. The addon document is created already listing the
     * version; if someone else claimed the name meanwhile, our version is taken back and we answer 403.
     */
    private AddonDocument claimName(Caller caller, AddonVersionDocument stored, VersionEntry entry, Instant now,
            UnaryOperator<AddonDocument> addEntry) {
        try {
            return store.insert(AddonDocument.claim(stored.name(), caller.developer(), now).withAdded(entry, now).showing(stored));
        } catch (DuplicateKeyException e) {
            AddonDocument claimed = store.addon(stored.name()).orElseThrow();
            if (!caller.developer().equals(claimed.owner())) {
                quotas.changed(caller.developer(), () -> store.delete(stored));
                requireOwner(caller, claimed);
            }
            return updateAddon(stored.name(), claimed, addEntry, stored);
        }
    }

    AddonDocument addon(String name) {
        requireValidName(name);
        return store.addon(name).filter(a -> a.latestVersion() != null)
                .orElseThrow(() -> new PlatformException(ProblemType.ADDON_NOT_FOUND, "No addon named '" + name + "' is registered."));
    }

    List<VersionEntry> versions(String name) {
        return VersionIndex.newestFirst(addon(name).versions());
    }

    AddonVersionDocument version(String name, String version) {
        requireValidName(name);
        requireValidVersion(version);
        AddonVersionDocument found = store.version(name, version)
                .orElseThrow(() -> new PlatformException(ProblemType.VERSION_NOT_FOUND,
                        "Addon '" + name + "' has no version " + version + "."));
        if (found.withdrawn()) {
            throw new PlatformException(ProblemType.VERSION_NOT_FOUND,
                    "Version " + version + " of '" + name + "' was withdrawn at " + found.withdrawnAt() + ".");
        }
        return found;
    }

    /**
     * The manifest of {@code name}'s highest active version in {@code range} (an exact version is a
     * range of one), as installing needs it: 404 for an unknown addon or when no active version matches.
     */
    public AddonManifest manifestInRange(String name, SemVerRange range) {
        AddonDocument addon = addon(name);
        String version = DependencyResolver.highestSatisfying(addon.activeVersions(), range).orElseThrow(() -> new PlatformException(
                ProblemType.VERSION_NOT_FOUND, "No active version of '" + name + "' satisfies " + range + "."));
        return manifests.get(AddonVersionDocument.idOf(name, version), () -> version(name, version).manifest());
    }

    /** The manifest of one version; 404 for an unknown or withdrawn one (module uploads need it). */
    public AddonManifest versionManifest(String name, String version) {
        return manifests.get(AddonVersionDocument.idOf(name, version), () -> version(name, version).manifest());
    }

    /** The current version's manifest, as other features (execute, widgets) need it. */
    public AddonManifest latestManifest(String name) {
        String latest = currentVersions.of(name, () -> addon(name).latestVersion());
        return manifests.get(AddonVersionDocument.idOf(name, latest), () -> version(name, latest).manifest());
    }

    /**
     * The listed addons that have widgets, in name order, with their stored widget summaries: what the
     * widget catalogue answers from, without parsing a manifest.
     */
    public List<ListedWidgets> listedWidgets() {
        return catalogue.withWidgets();
    }

    /**
     * One page of the widget catalogue: the widgets in widget category {@code category} (all when null)
     * of the listed addons' current versions, in addon and widget order, with the total that match.
     */
    public CataloguePage<WidgetRow> widgetPage(@Nullable String category, int page, int size) {
        return catalogue.widgets(category, page, size);
    }

    /**
     * Names of addons whose current version may subscribe to events (it declares subscriptions, or
     * was stored before that was recorded), a page at a time in name order: what the event bus
     * checks when it rebuilds its subscriber list.
     */
    public List<String> subscriberCandidates(int page, int size) {
        // From memory: on the embedded store the query scans every addon while holding the collection's
        // lock, which stalled registrations for a second per rebuild. Right after a start the caller
        // (the event bus, starting too) waits for the catalogue's first load rather than fail.
        return catalogue.subscriberCandidates(page, size, SUBSCRIBERS_WAIT);
    }

    /** Whether {@code caller} is a developer who owns addon {@code name}; false for unknown names. */
    public boolean isOwner(Caller caller, String name) {
        return caller.developer() != null && Names.ADDON.matches(name)
                && store.addon(name).map(addon -> caller.developer().equals(addon.owner())).orElse(false);
    }

    void withdraw(Caller caller, String name, String version) {
        AddonVersionDocument target = version(name, version);
        AddonDocument addon = addon(name);
        if (!caller.admin()) {
            requireOwner(caller, addon);
        }
        SemVer targetVersion = SemVer.parse(target.version());
        List<String> remaining = addon.activeVersions().stream()
                .filter(v -> !AddonVersionDocument.keyOf(v).equals(target.versionKey())).toList();
        List<String> stranded = new ArrayList<>();
        for (AddonVersionDocument dependent : store.activeDependents(name)) {
            SemVerRange range = SemVerRange.parse(dependent.dependencies().get(name));
            if (range.satisfies(targetVersion) && DependencyResolver.highestSatisfying(remaining, range).isEmpty()) {
                stranded.add(dependent.name() + "@" + dependent.version() + " (needs " + range + ")");
            }
        }
        List<String> sites = installed.sitesWith(name, target.version());
        if (!sites.isEmpty()) {
            throw new PlatformException(ProblemType.VERSION_IN_USE, name + "@" + target.version() + " is installed on "
                    + (sites.size() > 5 ? sites.subList(0, 5) + " and " + (sites.size() - 5) + " more sites" : "site(s) " + sites)
                    + "; they must upgrade or uninstall it first.");
        }
        if (!stranded.isEmpty()) {
            throw new PlatformException(ProblemType.VERSION_IN_USE,
                    name + "@" + target.version() + " is the only version satisfying " + String.join(", ", stranded)
                            + "; withdraw or update those first.");
        }
        Instant now = clock.instant();
        quotas.changed(target.registeredBy(), () -> store.save(target.withdrawnAt(now)));
        changes.publish(updateAddon(name, addon, doc -> doc.withWithdrawn(target.version(), now), null));
    }

    /**
     * Applies {@code change} to the addon document and recomputes what the catalogue shows; retried
     * when a concurrent publish of the same name saved first (optimistic locking).
     */
    private AddonDocument updateAddon(String name, AddonDocument current, UnaryOperator<AddonDocument> change,
            AddonVersionDocument known) {
        // Publishes of one name inside this server take turns, so the optimistic check only has to
        // settle races between replicas instead of making local writers retry against each other.
        ReentrantLock lock = NAME_LOCKS[Math.floorMod(name.hashCode(), NAME_LOCKS.length)];
        lock.lock();
        try {
            return saveAddon(name, current, change, known);
        } finally {
            lock.unlock();
        }
    }

    private AddonDocument saveAddon(String name, AddonDocument current, UnaryOperator<AddonDocument> change,
            AddonVersionDocument known) {
        for (int attempt = 1; ; attempt++) {
            // The first attempt reuses the document the caller already read; a stale one fails the
            // revision check and is read again.
            AddonDocument changed = change.apply(attempt == 1 ? current : store.addon(name).orElseThrow());
            String latest = VersionIndex.latest(changed.activeVersions()).orElse(null);
            AddonVersionDocument shown = latest == null ? null
                    : known != null && known.versionKey().equals(AddonVersionDocument.keyOf(latest)) ? known
                    : store.version(name, latest).orElseThrow();
            try {
                return store.save(changed.showing(shown));
            } catch (OptimisticLockingFailureException e) {
                if (attempt == LATEST_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private static void requireOwner(Caller caller, AddonDocument addon) {
        if (caller.developer() == null || !caller.developer().equals(addon.owner())) {
            throw new PlatformException(ProblemType.FORBIDDEN,
                    "Addon '" + addon.name() + "' belongs to another developer; only its owner may publish or withdraw versions.");
        }
    }

    private static PlatformException versionExists(AddonManifest manifest) {
        return new PlatformException(ProblemType.VERSION_EXISTS,
                manifest.name() + "@" + manifest.version() + " is already registered; versions are immutable, publish a new one.",
                List.of(new FieldError("/version", "already registered")));
    }

    static void requireValidName(String name) {
        if (!Names.ADDON.matches(name)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + truncate(name) + "' is not a valid addon name.",
                    List.of(new FieldError("/name", "must match " + Names.ADDON.regex())));
        }
    }

    static void requireValidVersion(String version) {
        try {
            SemVer.parse(version);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + truncate(version) + "' is not a SemVer 2.0 version: " + e.getMessage(),
                    List.of(new FieldError("/version", e.getMessage())));
        }
    }

    private static String truncate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
