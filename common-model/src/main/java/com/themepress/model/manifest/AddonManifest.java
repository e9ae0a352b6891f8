package com.themepress.model.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registered addon version in its normal form: whatever form was submitted (short or full), the
 * parser fills every optional part with its default, so readers never meet a null collection.
 * {@code module} (a file name ending in {@code .wasm}) says the addon is a WebAssembly module, uploaded
 * per version, instead of a container {@code image}: at most one of the two is given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddonManifest(String name, String version, String description, String author, String category,
        String image, String module, List<WidgetSpec> widgets, List<EndpointSpec> endpoints, EventSpec events,
        Map<String, String> dependencies, List<String> permissions, Resources resources) {

    public Optional<WidgetSpec> widget(String widgetName) {
        return widgets.stream().filter(w -> w.name().equals(widgetName)).findFirst();
    }

    public Optional<EndpointSpec> endpoint(String endpointName) {
        return endpoints.stream().filter(e -> e.name().equals(endpointName)).findFirst();
    }

    /** Whether the addon runs as a WebAssembly module (the WASM tier) rather than a container. */
    public boolean namesModule() {
        return module != null;
    }

    public boolean requests(Permission permission) {
        return permissions.contains(permission.id());
    }
}
