package com.themepress.model.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;

/**
 * The categories the manifest schema allows, read from the schema itself once, so that browse
 * filters accept exactly what registration accepts.
 */
public final class ManifestCategories {

    private static final JsonNode SCHEMA = load();
    private static final Set<String> ADDON = enumAt("/properties/category/enum");
    private static final Set<String> WIDGET = enumAt("/$defs/widget/properties/category/enum");

    private ManifestCategories() {
    }

    /** An addon's {@code category}. */
    public static Set<String> addon() {
        return ADDON;
    }

    /** A widget's {@code category}. */
    public static Set<String> widget() {
        return WIDGET;
    }

    private static JsonNode load() {
        try (InputStream in = ManifestCategories.class.getResourceAsStream(ManifestParser.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + ManifestParser.SCHEMA_RESOURCE);
            }
            return StrictJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> enumAt(String pointer) {
        JsonNode values = SCHEMA.at(pointer);
        if (!values.isArray() || values.isEmpty()) {
            throw new IllegalStateException("the manifest schema has no enum at " + pointer);
        }
        Set<String> names = new LinkedHashSet<>();
        values.forEach(value -> names.add(value.asString()));
        return Set.copyOf(names);
    }
}
