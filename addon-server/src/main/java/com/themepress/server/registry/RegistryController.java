package com.themepress.server.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import com.themepress.model.manifest.ManifestCategories;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.web.JsonBody;

import com.themepress.server.registry.RegistryViews.AddonDetail;
import com.themepress.server.registry.RegistryViews.AddonSummary;
import com.themepress.server.registry.RegistryViews.VersionDetail;
import com.themepress.server.registry.RegistryViews.VersionSummary;
import com.themepress.server.web.QueryInts;

/** The registry's HTTP face (spec section 4, first rows). Browsing is public; writing needs a key. */
@RestController
@RequestMapping("/api/addons")
class RegistryController {

    static final Set<String> CATEGORIES = ManifestCategories.addon();
    static final int MAX_PAGE_SIZE = 100;

    private final RegistryService registry;
    private final ApiKeys keys;
    private final CatalogueIndex catalogue;

    RegistryController(RegistryService registry, ApiKeys keys, CatalogueIndex catalogue) {
        this.registry = registry;
        this.keys = keys;
        this.catalogue = catalogue;
    }

    @PostMapping("/register")
    ResponseEntity<VersionDetail> register(@RequestHeader(name = ApiKeyHeader.NAME, required = false) String key,
            JsonBody body) {
        AddonVersionDocument stored = registry.register(keys.authenticate(key), body.json());
        URI location = URI.create("/api/addons/" + stored.name() + "/versions/"
                + UriUtils.encodePathSegment(stored.version(), java.nio.charset.StandardCharsets.UTF_8));
        return ResponseEntity.created(location).body(VersionDetail.of(stored));
    }

    @GetMapping
    CataloguePage<AddonSummary> browse(@RequestParam(required = false) String category,
            @RequestParam(name = "q", required = false) String text,
            @RequestParam(defaultValue = "0") String page,
            @RequestParam(defaultValue = "20") String size) {
        List<FieldError> errors = new ArrayList<>();
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add(new FieldError("/category", "must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList())));
        }
        if (text != null && text.length() > 100) {
            errors.add(new FieldError("/q", "must be at most 100 characters"));
        }
        int pageNumber = QueryInts.bounded(page, "/page", 0, 100_000, errors);
        int pageSize = QueryInts.bounded(size, "/size", 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid query: " + errors.get(0).pointer().substring(1)
                    + " " + errors.get(0).message() + ".", errors);
        }
        String query = text == null || text.isBlank() ? null : text.strip();
        return catalogue.page(category, query, pageNumber, pageSize);
    }

    @GetMapping("/{name}")
    AddonDetail addon(@PathVariable String name) {
        AddonDocument addon = registry.addon(name);
        List<VersionSummary> versions = registry.versions(name).stream().map(VersionSummary::of).toList();
        String manifest = registry.version(name, addon.latestVersion()).manifest();
        return new AddonDetail(addon.name(), addon.latestVersion(), addon.category(), addon.description(),
                addon.author(), addon.owner(), addon.createdAt(), addon.updatedAt(), versions, manifest);
    }

    @GetMapping("/{name}/versions")
    List<VersionSummary> versions(@PathVariable String name) {
        return registry.versions(name).stream().map(VersionSummary::of).toList();
    }

    @GetMapping("/{name}/versions/{version}")
    VersionDetail version(@PathVariable String name, @PathVariable String version) {
        return VersionDetail.of(registry.version(name, version));
    }

    @DeleteMapping("/{name}/versions/{version}")
    ResponseEntity<Void> withdraw(@RequestHeader(name = ApiKeyHeader.NAME, required = false) String key,
            @PathVariable String name, @PathVariable String version) {
        registry.withdraw(keys.authenticate(key), name, version);
        return ResponseEntity.noContent().build();
    }

}
