package com.themepress.server.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.names.Names;

/**
 * The registry's read side for other faces of the API (GraphQL): the same lookups the REST
 * controller makes, and one the REST API has no need of, {@link #latestManifests}, which reads any
 * number of addons' current manifests in at most two store queries.
 */
@Component
public class RegistryReads {

    private final RegistryService registry;
    private final RegistryStore store;
    private final ManifestCache manifests;
    private final CatalogueIndex catalogue;

    RegistryReads(RegistryService registry, RegistryStore store, ManifestCache manifests, CatalogueIndex catalogue) {
        this.registry = registry;
        this.store = store;
        this.manifests = manifests;
        this.catalogue = catalogue;
    }

    /** An addon as browsing shows it. */
    public record AddonInfo(String name, String latestVersion, @Nullable String category, @Nullable String description,
            @Nullable String author, @Nullable String owner, @Nullable Instant updatedAt) {
    }

    public record VersionInfo(String version, Instant registeredAt, boolean withdrawn, @Nullable Instant withdrawnAt) {
    }

    /** 404 {@code addon-not-found} (400 for an invalid name), as {@code GET /api/addons/{name}}. */
    public AddonInfo addon(String name) {
        AddonDocument addon = registry.addon(name);
        return new AddonInfo(addon.name(), addon.latestVersion(), addon.category(), addon.description(), addon.author(), addon.owner(),
                addon.updatedAt());
    }

    /** Newest first, withdrawn ones included, as {@code GET /api/addons/{name}/versions}. */
    public List<VersionInfo> versions(String name) {
        return registry.versions(name).stream()
                .map(v -> new VersionInfo(v.version(), v.registeredAt(), v.withdrawn(), v.withdrawnAt())).toList();
    }

    /** The versions of each of {@code names} (newest first), in one store query; unknown names are left out. */
    public Map<String, List<VersionInfo>> versions(Collection<String> names) {
        Map<String, List<VersionInfo>> found = new LinkedHashMap<>();
        for (AddonDocument addon : store.addons(names.stream().filter(Names.ADDON::matches).distinct().toList())) {
            if (addon.latestVersion() != null) {
                found.put(addon.name(), VersionIndex.newestFirst(addon.versions()).stream()
                        .map(v -> new VersionInfo(v.version(), v.registeredAt(), v.withdrawn(), v.withdrawnAt())).toList());
            }
        }
        return found;
    }

    /** A catalogue page from memory, as {@code GET /api/addons}; the caller checks the query as the REST controller does. */
    public CataloguePage<AddonInfo> page(@Nullable String category, @Nullable String text, int page, int size) {
        return catalogue.page(category, text, page, size).map(a -> new AddonInfo(a.name(), a.latestVersion(), a.category(),
                a.description(), a.author(), a.owner(), a.updatedAt()));
    }

    /**
     * The current manifests of {@code names}, by name; unknown, invalid and unlisted names are left out.
     * One query for the addon documents, and one for the versions whose parsed manifest is not cached.
     */
    public Map<String, AddonManifest> latestManifests(Collection<String> names) {
        Set<String> valid = names.stream().filter(Names.ADDON::matches).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, String> latestIds = new LinkedHashMap<>();
        for (AddonDocument addon : store.addons(valid)) {
            if (addon.latestVersion() != null) {
                latestIds.put(addon.name(), AddonVersionDocument.idOf(addon.name(), addon.latestVersion()));
            }
        }
        Map<String, AddonManifest> found = new LinkedHashMap<>();
        List<String> misses = latestIds.values().stream().filter(id -> manifests.ifCached(id) == null).toList();
        Map<String, AddonVersionDocument> read = store.versions(misses).stream()
                .collect(Collectors.toMap(AddonVersionDocument::id, Function.identity()));
        latestIds.forEach((name, id) -> {
            AddonManifest cached = manifests.ifCached(id);
            AddonVersionDocument version = read.get(id);
            if (cached != null) {
                found.put(name, cached);
            } else if (version != null) {
                found.put(name, manifests.get(id, version::manifest));
            }
        });
        return found;
    }
}
