package com.themepress.server.registry;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One addon name: who owns it and what browsing shows (copied from its latest version, so a
 * catalogue page is a single query). {@code revision} makes concurrent publishes retry rather than
 * overwrite each other's idea of "latest".
 */
@Document("addons")
record AddonDocument(@Id String name, String owner, String latestVersion, String category, String description,
        String author, int activeVersions, Instant createdAt, Instant updatedAt, @Version Long revision) {

    AddonDocument withLatest(AddonVersionDocument latest, int activeVersions, Instant now) {
        return new AddonDocument(name, owner,
                latest == null ? null : latest.version(),
                latest == null ? category : latest.category(),
                latest == null ? description : latest.description(),
                latest == null ? author : latest.author(),
                activeVersions, createdAt, now, revision);
    }
}
