package com.themepress.server.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestCategories;
import com.themepress.server.graphql.Nodes.AddonNode;
import com.themepress.server.graphql.Nodes.AddonPage;
import com.themepress.server.graphql.Nodes.ApiNode;
import com.themepress.server.graphql.Nodes.VersionNode;
import com.themepress.server.graphql.Nodes.WidgetNode;
import com.themepress.server.permissions.EndpointAccess;
import com.themepress.server.registry.CataloguePage;
import com.themepress.server.registry.RegistryReads;

/** The registry's read side: public, like browsing in REST. Nested lists come from {@link ManifestLoader}. */
@Controller
class AddonQueries {

    private final RegistryReads registry;
    private final EndpointAccess access;

    AddonQueries(RegistryReads registry, EndpointAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @QueryMapping
    AddonNode addon(@Argument String id) {
        return AddonNode.of(registry.addon(id));
    }

    @QueryMapping
    AddonPage addons(@Argument @Nullable String category, @Argument @Nullable String q, @Argument int page, @Argument int size) {
        ListingQuery query = new ListingQuery();
        query.category(category, ManifestCategories.addon());
        query.text(q);
        int pageNumber = query.page(page);
        int pageSize = query.size(size);
        query.check();
        String text = q == null || q.isBlank() ? null : q.strip();
        CataloguePage<RegistryReads.AddonInfo> found = registry.page(category, text, pageNumber, pageSize);
        return new AddonPage(found.items().stream().map(AddonNode::of).toList(), found.page(), found.size(), found.total());
    }

    @BatchMapping(typeName = "Addon")
    Map<AddonNode, List<VersionNode>> versions(List<AddonNode> addons) {
        Map<String, List<RegistryReads.VersionInfo>> versions = registry.versions(addons.stream().map(AddonNode::name).toList());
        Map<AddonNode, List<VersionNode>> found = new LinkedHashMap<>();
        addons.forEach(addon -> found.put(addon, versions.getOrDefault(addon.name(), List.of()).stream().map(VersionNode::of).toList()));
        return found;
    }

    @SchemaMapping(typeName = "Addon")
    CompletableFuture<List<WidgetNode>> widgets(AddonNode addon, DataLoader<String, AddonManifest> manifests) {
        return manifests.load(addon.name()).thenApply(manifest -> manifest == null ? List.of()
                : manifest.widgets().stream().map(widget -> WidgetNode.of(manifest.name(), manifest.version(), widget)).toList());
    }

    @SchemaMapping(typeName = "Addon")
    CompletableFuture<List<ApiNode>> apis(AddonNode addon, DataLoader<String, AddonManifest> manifests) {
        return manifests.load(addon.name()).thenApply(manifest -> manifest == null ? List.of()
                : manifest.endpoints().stream().map(endpoint -> new ApiNode(endpoint.name(), endpoint.description(),
                        access.isOpen(endpoint), endpoint.inputSchema(), endpoint.permissions())).toList());
    }

    @SchemaMapping(typeName = "Api", field = "public")
    boolean isPublic(ApiNode api) {
        return api.isPublic();
    }
}
