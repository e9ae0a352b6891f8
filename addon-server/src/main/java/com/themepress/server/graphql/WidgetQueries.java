package com.themepress.server.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestCategories;
import com.themepress.model.manifest.WidgetSpec;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.graphql.Nodes.WidgetNode;
import com.themepress.server.registry.CataloguePage;
import com.themepress.server.registry.RegistryService;
import com.themepress.server.registry.WidgetRow;
import com.themepress.server.sites.KeyKind;
import com.themepress.server.sites.SiteKeys;

import tools.jackson.databind.JsonNode;

/** The widget catalogue ({@code GET /api/widgets}) and renders through the widget-renderer. */
@Controller
class WidgetQueries {

    private static final Set<String> CONTEXT_FIELDS = Set.of("site", "locale", "user", "session");

    private final RegistryService registry;
    private final RendererClient renderer;
    private final SiteKeys siteKeys;

    WidgetQueries(RegistryService registry, RendererClient renderer, SiteKeys siteKeys) {
        this.registry = registry;
        this.renderer = renderer;
        this.siteKeys = siteKeys;
    }

    @QueryMapping
    List<WidgetNode> widgets(@Argument @Nullable String category, @Argument int page, @Argument int size) {
        ListingQuery query = new ListingQuery();
        query.category(category, ManifestCategories.widget());
        int pageNumber = query.page(page);
        int pageSize = query.size(size);
        query.check();
        CataloguePage<WidgetRow> rows = registry.widgetPage(category, pageNumber, pageSize);
        return rows.items().stream().map(row -> new WidgetNode(row.addon().addon() + "/" + row.widget().name(), row.widget().name(),
                row.addon().addon(), row.addon().version(), row.widget().displayName(), row.widget().description(),
                row.widget().category(), row.widget().previewImage(), row.widget().responsive(), null)).toList();
    }

    /** The catalogue keeps no schemas (they are in the manifests): read them in one batch per query level. */
    @SchemaMapping(typeName = "Widget")
    CompletableFuture<@Nullable JsonNode> configSchema(WidgetNode widget, DataLoader<String, AddonManifest> manifests) {
        if (widget.configSchema() != null) {
            return CompletableFuture.completedFuture(widget.configSchema());
        }
        return manifests.load(widget.addon()).thenApply(manifest -> manifest == null ? null
                : manifest.widget(widget.name()).map(WidgetSpec::configSchema).orElse(null));
    }

    @SchemaMapping(typeName = "Widget")
    RendererClient.Output render(WidgetNode widget, @Argument @Nullable JsonNode config, @Argument @Nullable JsonNode context,
            @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key) {
        RendererClient.Context rendering = context(context, key);
        return renderer.render(widget.addon(), widget.name(), config, rendering);
    }

    /** {@code context} holds what REST's query and headers say; without a site, a site key names its own. */
    private RendererClient.Context context(@Nullable JsonNode context, @Nullable String key) {
        List<FieldError> errors = new ArrayList<>();
        if (context != null && !context.isNull() && !context.isObject()) {
            errors.add(new FieldError("/context", "must be an object with site, locale, user, session"));
        }
        if (context != null && context.isObject()) {
            for (String field : context.propertyNames()) {
                JsonNode value = context.get(field);
                if (!CONTEXT_FIELDS.contains(field)) {
                    errors.add(new FieldError("/context/" + field, "unknown field; allowed: locale, session, site, user"));
                } else if (!value.isString() || value.asString().isEmpty() || value.asString().length() > 256) {
                    errors.add(new FieldError("/context/" + field, "a string of 1 to 256 characters"));
                }
            }
        }
        String site = text(context, "site");
        if (site != null && !Names.SITE.matches(site)) {
            errors.add(new FieldError("/context/site", "must match " + Names.SITE.regex()));
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid render context: " + errors.get(0).pointer() + " "
                    + errors.get(0).message() + ".", errors);
        }
        if (site == null && key != null && KeyKind.isSiteKey(key)) {
            site = siteKeys.authenticate(key).site();
        }
        return new RendererClient.Context(site, text(context, "locale"), text(context, "user"), text(context, "session"));
    }

    private static @Nullable String text(@Nullable JsonNode context, String field) {
        JsonNode value = context == null ? null : context.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
