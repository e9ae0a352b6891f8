package com.themepress.server.sites;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** A site: its id (a slug), name, the origins its pages are served from, and its keys. */
@Document("sites")
public record SiteDocument(@Id String id, String name, List<String> origins, List<SiteKey> keys, Instant createdAt,
        Instant updatedAt, @Version Long revision) {

    public boolean allowsOrigin(String origin) {
        return origins.contains(origin);
    }

    SiteDocument with(String newName, List<String> newOrigins, List<SiteKey> newKeys, Instant now) {
        return new SiteDocument(id, newName, newOrigins, newKeys, createdAt, now, revision);
    }
}
