package com.themepress.server.widgets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.PlatformException;
import com.themepress.server.registry.RegistryChanged;
import com.themepress.server.registry.RegistryService;

/**
 * Every widget of every addon's current version. The list is built from the registry (one query
 * for the names, then each current manifest) and kept whole for a few seconds: local registry
 * changes drop it at once, other replicas' changes within {@code themepress.widgets.catalogue-ttl}.
 */
@Component
class WidgetCatalogue {

    /** The registry's collection of addon names; it shows the current version in {@code latestVersion}. */
    private static final String ADDONS = "addons";

    private final MongoTemplate mongo;
    private final RegistryService registry;
    private final Cache<String, List<CatalogueEntry>> snapshot;

    WidgetCatalogue(MongoTemplate mongo, RegistryService registry, WidgetsProperties properties) {
        this.mongo = mongo;
        this.registry = registry;
        this.snapshot = Caffeine.newBuilder().expireAfterWrite(properties.catalogueTtl()).maximumSize(1).build();
    }

    List<CatalogueEntry> all() {
        return snapshot.get("all", k -> load());
    }

    private List<CatalogueEntry> load() {
        Query current = Query.query(Criteria.where("latestVersion").ne(null));
        current.fields().include("_id");
        List<CatalogueEntry> entries = new ArrayList<>();
        for (Document addon : mongo.find(current, Document.class, ADDONS)) {
            AddonManifest manifest;
            try {
                manifest = registry.latestManifest(addon.getString("_id"));
            } catch (PlatformException e) {
                continue; // withdrawn between the two reads
            }
            manifest.widgets().forEach(w -> entries.add(CatalogueEntry.of(manifest, w)));
        }
        entries.sort(Comparator.comparing(CatalogueEntry::addon).thenComparing(CatalogueEntry::name));
        return List.copyOf(entries);
    }

    @EventListener
    void on(RegistryChanged change) {
        snapshot.invalidateAll();
    }
}
