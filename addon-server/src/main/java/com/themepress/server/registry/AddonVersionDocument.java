package com.themepress.server.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import com.themepress.model.manifest.Resources;

/**
 * One immutable name+version. The manifest is kept as its normalised JSON text: JSON Schema
 * documents inside it use keys like {@code $ref} that MongoDB does not allow as field names.
 * {@code versionKey} is the version without build metadata, which is what must be unique.
 * {@code dependencies} (name to range) is duplicated out of it so the dependency graph can be
 * walked without parsing manifests, and {@code dependsOn} (the names alone) is what the
 * dependents index covers. {@code declaresSubscriptions}: the manifest lists {@code events.subscribes}
 * (null on documents stored before the field existed). {@code widgets}: the catalogue's summary of its
 * widgets (null on documents stored before the field existed). {@code resources} is the manifest's, copied
 * out so that a developer's quota is summed without parsing manifests (null on older documents).
 */
@Document("addon_versions")
@CompoundIndex(name = "name_version", def = "{'name': 1, 'versionKey': 1}", unique = true)
record AddonVersionDocument(@Id String id, String name, String version, String versionKey, String category, String description,
        String author, Map<String, String> dependencies, List<String> dependsOn, Map<String, String> resolvedDependencies, String manifest,
        @Nullable Boolean declaresSubscriptions, @Nullable List<WidgetSummary> widgets, @Nullable Resources resources,
        String registeredBy, Instant registeredAt, boolean withdrawn, Instant withdrawnAt, @Version Long revision) {

    /** Build metadata does not change precedence, so 1.0.0+a and 1.0.0 are the same version. */
    static String keyOf(String version) {
        int plus = version.indexOf('+');
        return plus < 0 ? version : version.substring(0, plus);
    }

    static String idOf(String name, String version) {
        return name + "@" + keyOf(version);
    }

    AddonVersionDocument withdrawnAt(Instant when) {
        return new AddonVersionDocument(id, name, version, versionKey, category, description, author, dependencies,
                dependsOn, resolvedDependencies, manifest, declaresSubscriptions, widgets, resources, registeredBy, registeredAt, true, when, revision);
    }
}
