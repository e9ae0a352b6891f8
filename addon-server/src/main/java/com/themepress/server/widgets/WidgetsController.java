package com.themepress.server.widgets;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestCategories;
import com.themepress.model.manifest.WidgetSpec;
import com.themepress.model.names.NameRule;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.semver.SemVerRange;
import com.themepress.server.permissions.Deployments;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.web.QueryInts;

/**
 * {@code GET /internal/widgets/{addon}/{widget}}: what the widget-renderer asks for on a cache miss
 * (the gateway does not route {@code /internal}). {@code GET /api/widgets?category=}: the public
 * widget catalogue, filtered by widget category and paged like the addon catalogue.
 */
@RestController
class WidgetsController {

    static final Set<String> CATEGORIES = ManifestCategories.widget();

    private final RegistryService registry;
    private final SavedWidgetConfigs savedConfigs;
    private final WidgetCatalogue catalogue;
    private final Deployments deployments;

    WidgetsController(RegistryService registry, SavedWidgetConfigs savedConfigs, WidgetCatalogue catalogue,
            Deployments deployments) {
        this.deployments = deployments;
        this.registry = registry;
        this.savedConfigs = savedConfigs;
        this.catalogue = catalogue;
    }

    @GetMapping("/internal/widgets/{addon}/{widget}")
    WidgetResolution resolve(@PathVariable String addon, @PathVariable String widget,
            @RequestParam(required = false) @Nullable String site) {
        List<FieldError> errors = new ArrayList<>();
        requireMatch(addon, Names.ADDON, "/addon", errors);
        requireMatch(widget, Names.WIDGET, "/widget", errors);
        if (site != null) {
            requireMatch(site, Names.SITE, "/site", errors);
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid widget address.", errors);
        }
        if (site != null && !savedConfigs.isInstalled(site, addon)) {
            throw new PlatformException(ProblemType.NOT_FOUND, "Addon '" + addon + "' is not installed on site '" + site + "'.",
                    List.of(new FieldError("/addon", "not installed on the site")));
        }
        // A site renders the version it installed; a page of no site, the current one.
        AddonManifest manifest = site == null ? registry.latestManifest(addon) : savedConfigs.installedVersion(site, addon)
                .map(version -> registry.manifestInRange(addon, SemVerRange.parse(version))).orElseGet(() -> registry.latestManifest(addon));
        WidgetSpec spec = manifest.widget(widget).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                "Addon '" + addon + "' (version " + manifest.version() + ") has no widget '" + widget + "'; it has: "
                        + String.join(", ", manifest.widgets().stream().map(WidgetSpec::name).toList()) + ".",
                List.of(new FieldError("/widget", "unknown widget"))));
        return new WidgetResolution(manifest.name(), manifest.version(), spec, deployments.request(manifest), site,
                site == null ? null : savedConfigs.find(site, addon, widget).orElse(null), site != null && savedConfigs.pageScript(site, addon));
    }

    @GetMapping("/api/widgets")
    WidgetCatalogue.WidgetPage catalogue(@RequestParam(required = false) @Nullable String category,
            @RequestParam(defaultValue = "0") String page, @RequestParam(defaultValue = "50") String size) {
        List<FieldError> errors = new ArrayList<>();
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add(new FieldError("/category", "must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList())));
        }
        int pageNumber = QueryInts.bounded(page, "/page", 0, 100_000, errors);
        int pageSize = QueryInts.bounded(size, "/size", 1, 100, errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid query: " + errors.get(0).pointer().substring(1)
                    + " " + errors.get(0).message() + ".", errors);
        }
        return catalogue.page(category, pageNumber, pageSize);
    }

    private static void requireMatch(String value, NameRule rule, String pointer, List<FieldError> errors) {
        if (!rule.matches(value)) {
            errors.add(new FieldError(pointer, "must match " + rule.regex()));
        }
    }

}
