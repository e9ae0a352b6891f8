package com.themepress.server.permissions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Which images a developer may name in a manifest ({@link ImagePolicy}). An entry is a repository
 * ({@code acme/shop}, any tag or digest) or, ending in {@code /}, a namespace ({@code acme/}).
 *
 * @param registry   registry host of the default namespace: a developer without an entry in
 *                   {@code namespaces} owns {@code <registry>/<developer-id>/}, or {@code <developer-id>/}
 *                   when this is empty (Docker Hub style names, as on a single engine)
 * @param internal   the platform's own images: refused in every manifest, whoever registers it
 * @param namespaces developer id to the repositories and namespaces it owns, replacing its default
 *                   namespace. The examples' developer ({@value #EXAMPLES_DEVELOPER}) owns the example
 *                   addons' images unless this names that developer itself.
 */
@Validated
@ConfigurationProperties("themepress.images")
public record ImageProperties(
        @DefaultValue("") @NotNull @Pattern(regexp = REGISTRY) String registry,
        @DefaultValue({"themepress/jre-base", "themepress/addon-hostile-test-addon"})
        @NotNull List<@NotNull @Pattern(regexp = ENTRY) String> internal,
        Map<@Pattern(regexp = DEVELOPER) String, List<@NotNull @Pattern(regexp = ENTRY) String>> namespaces) {

    /** Who registers the example addons: the demo, the chain tests and the widget benchmark use this key's owner. */
    public static final String EXAMPLES_DEVELOPER = "examples";

    static final List<String> EXAMPLE_IMAGES = List.of(
            "themepress/addon-payment-gateway", "themepress/addon-inventory", "themepress/addon-email-marketing");

    private static final String REGISTRY = "^$|^[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?$";
    private static final String ENTRY = "^[a-z0-9][a-z0-9._/:-]{0,254}$";
    private static final String DEVELOPER = "^[a-z][a-z0-9-]{1,62}$";

    public ImageProperties {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        merged.put(EXAMPLES_DEVELOPER, EXAMPLE_IMAGES);
        if (namespaces != null) {
            merged.putAll(namespaces);
        }
        namespaces = Map.copyOf(merged);
    }
}
