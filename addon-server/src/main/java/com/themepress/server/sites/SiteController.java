package com.themepress.server.sites;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.web.JsonBody;
import com.themepress.server.web.QueryInts;

/**
 * {@code /api/sites}: the operator creates a site; the operator or the site's secret key reads and
 * changes it, lists and rotates its keys, and reads its audit log.
 */
@RestController
class SiteController {

    private final SiteService service;
    private final SiteDirectory sites;
    private final SiteAccess access;
    private final SiteAudit audit;

    SiteController(SiteService service, SiteDirectory sites, SiteAccess access, SiteAudit audit) {
        this.service = service;
        this.sites = sites;
        this.access = access;
        this.audit = audit;
    }

    /** A key as listed: never its secret. */
    record KeyView(String id, String kind, String last4, Instant createdAt, @Nullable Instant revokedAt) {
        static KeyView of(SiteKey key) {
            return new KeyView(key.id(), key.kind() == KeyKind.SECRET ? "secret" : "publishable", key.last4(), key.createdAt(),
                    key.revokedAt());
        }
    }

    record SiteView(String id, String name, List<String> origins, Instant createdAt, Instant updatedAt) {
        static SiteView of(SiteDocument site) {
            return new SiteView(site.id(), site.name(), site.origins(), site.createdAt(), site.updatedAt());
        }
    }

    record CreatedView(String id, String name, List<String> origins, Instant createdAt, Map<String, String> keys) {
    }

    @PostMapping("/api/sites")
    ResponseEntity<CreatedView> create(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, JsonBody body) {
        access.requireOperator(key);
        SiteService.Created created = service.create(SiteRequests.create(body.json()));
        SiteDocument site = created.site();
        return ResponseEntity.created(URI.create("/api/sites/" + site.id())).body(new CreatedView(site.id(), site.name(), site.origins(),
                site.createdAt(), Map.of("secret", created.secretKey(), "publishable", created.publishableKey())));
    }

    @GetMapping("/api/sites/{siteId}")
    SiteView get(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId) {
        access.requireManager(siteId, key);
        return SiteView.of(sites.require(siteId));
    }

    @PatchMapping("/api/sites/{siteId}")
    SiteView update(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId,
            JsonBody body) {
        String actor = access.requireManager(siteId, key);
        return SiteView.of(service.update(siteId, SiteRequests.patch(body.json()), actor));
    }

    @GetMapping("/api/sites/{siteId}/keys")
    List<KeyView> keys(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId) {
        access.requireManager(siteId, key);
        return sites.require(siteId).keys().stream().map(KeyView::of).toList();
    }

    /** A new key replaces {@code keyId} at once; the answer holds it in clear text, the only time it is shown. */
    @PostMapping("/api/sites/{siteId}/keys/{keyId}/rotate")
    ResponseEntity<Map<String, Object>> rotate(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String siteId, @PathVariable String keyId) {
        String actor = access.requireManager(siteId, key);
        SiteKeys.Issued issued = service.rotate(siteId, keyId, actor);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("key", KeyView.of(issued.stored()), "secret", issued.text()));
    }

    @GetMapping("/api/sites/{siteId}/audit")
    Map<String, Object> audit(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String siteId, @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "50") String size) {
        access.requireManager(siteId, key);
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = QueryInts.bounded(page, "/page", 0, 10_000, errors);
        int pageSize = QueryInts.bounded(size, "/size", 1, 200, errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid query: " + errors.get(0).pointer().substring(1) + " "
                    + errors.get(0).message() + ".", errors);
        }
        return Map.of("page", pageNumber, "size", pageSize, "entries", audit.newestFirst(siteId, pageNumber, pageSize));
    }
}
