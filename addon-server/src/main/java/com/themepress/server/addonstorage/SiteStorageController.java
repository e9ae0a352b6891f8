package com.themepress.server.addonstorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.sites.SiteAccess;
import com.themepress.server.web.QueryInts;

/**
 * The site admin's read-only view of what an addon stores on the site, with the site's secret key
 * (or the admin key): usage and collections, a collection's documents in id order (paged by
 * {@code after}), one document. Also after an uninstall, while the data is retained.
 */
@RestController
class SiteStorageController {

    private final SiteAccess access;
    private final AddonDocuments documents;
    private final StorageUsage usage;
    private final StorageLimits limits;

    SiteStorageController(SiteAccess access, AddonDocuments documents, StorageUsage usage, StorageLimits limits) {
        this.access = access;
        this.documents = documents;
        this.usage = usage;
        this.limits = limits;
    }

    /** What the addon holds on the site: usage against the quotas, and its collections. */
    record Overview(String site, String addon, long bytes, long documents, long maxBytes, long maxDocuments, List<String> collections) {
    }

    @GetMapping("/api/sites/{siteId}/addons/{addon}/storage")
    Overview overview(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId,
            @PathVariable String addon) {
        StorageScope scope = scope(key, siteId, addon);
        StorageUsage.Usage used = usage.of(scope);
        return new Overview(siteId, addon, used.bytes(), used.documents(), limits.maxBytes().toBytes(), limits.maxDocuments(),
                documents.collections(scope));
    }

    @GetMapping("/api/sites/{siteId}/addons/{addon}/storage/{collection}")
    Map<String, Object> list(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId,
            @PathVariable String addon, @PathVariable String collection, @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "50") String limit) {
        StorageScope scope = scope(key, siteId, addon);
        List<FieldError> errors = new ArrayList<>();
        int size = QueryInts.bounded(limit, "/limit", 1, limits.maxQueryLimit(), errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The listing cannot be made.", errors);
        }
        List<Criteria> conditions = after == null ? List.of() : List.of(Criteria.where("key").gt(StorageNames.id(after)));
        List<StoredDocument> page = documents.query(scope, StorageNames.collection(collection),
                new DocumentQuery(conditions, Sort.by("key"), size));
        return page.size() < size ? Map.of("documents", page)
                : Map.of("documents", page, "next", page.get(page.size() - 1).id());
    }

    @GetMapping("/api/sites/{siteId}/addons/{addon}/storage/{collection}/{id}")
    ResponseEntity<StoredDocument> get(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String siteId, @PathVariable String addon, @PathVariable String collection, @PathVariable String id) {
        StorageScope scope = scope(key, siteId, addon);
        return HostStorageController.withETag(ResponseEntity.ok(), documents.get(scope, StorageNames.collection(collection),
                StorageNames.id(id)).orElseThrow(() -> HostStorageController.notFound(collection, id)));
    }

    private StorageScope scope(@Nullable String key, String site, String addon) {
        access.requireManager(site, key);
        if (!Names.ADDON.matches(addon)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + addon + "' is not an addon name.",
                    List.of(new FieldError("/addon", "an addon name")));
        }
        return new StorageScope(addon, site);
    }
}
