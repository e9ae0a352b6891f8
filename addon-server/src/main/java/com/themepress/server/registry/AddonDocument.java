package com.themepress.server.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One addon name: its owner, the list of its versions, and what browsing shows (copied from the
 * latest version, so a catalogue page is one query and resolving a dependency is one lookup by id).
 * {@code subscriber} says whether the latest version declares event subscriptions, so the event bus
 * finds its subscribers without reading every manifest; null on documents stored before it existed.
 * {@code widgets} summarises the latest version's widgets for the widget catalogue; null on documents
 * stored before it existed.
 * {@code revision} makes concurrent publishes of the same name retry instead of losing a version.
 */
@Document("addons")
record AddonDocument(@Id String name, String owner, String latestVersion, String category, String description,
        String author, @Nullable Boolean subscriber, @Nullable List<WidgetSummary> widgets, List<VersionEntry> versions, Instant createdAt, Instant updatedAt,
        @Version Long revision) {

    static AddonDocument claim(String name, String owner, Instant now) {
        return new AddonDocument(name, owner, null, null, null, null, false, List.of(), List.of(), now, now, null);
    }

    List<String> activeVersions() {
        return versions.stream().filter(v -> !v.withdrawn()).map(VersionEntry::version).toList();
    }

    int activeCount() {
        return (int) versions.stream().filter(v -> !v.withdrawn()).count();
    }

    boolean hasVersion(String version) {
        String key = AddonVersionDocument.keyOf(version);
        return versions.stream().anyMatch(v -> v.key().equals(key));
    }

    Optional<VersionEntry> entry(String version) {
        String key = AddonVersionDocument.keyOf(version);
        return versions.stream().filter(v -> v.key().equals(key)).findFirst();
    }

    AddonDocument withVersions(List<VersionEntry> newVersions, Instant now) {
        return new AddonDocument(name, owner, latestVersion, category, description, author, subscriber, widgets, List.copyOf(newVersions),
                createdAt, now, revision);
    }

    AddonDocument withAdded(VersionEntry entry, Instant now) {
        List<VersionEntry> more = new ArrayList<>(versions);
        more.add(entry);
        return withVersions(more, now);
    }

    AddonDocument withWithdrawn(String version, Instant now) {
        String key = AddonVersionDocument.keyOf(version);
        return withVersions(versions.stream()
                .map(v -> v.key().equals(key) ? v.withdraw(now) : v).toList(), now);
    }

    /** Shows {@code latest} in the catalogue; null when no active version is left. */
    AddonDocument showing(AddonVersionDocument latest) {
        return latest == null
                ? new AddonDocument(name, owner, null, category, description, author, false, List.of(), versions, createdAt, updatedAt,
                        revision)
                : new AddonDocument(name, owner, latest.version(), latest.category(), latest.description(), latest.author(),
                        latest.declaresSubscriptions(), latest.widgets(), versions, createdAt, updatedAt, revision);
    }
}
