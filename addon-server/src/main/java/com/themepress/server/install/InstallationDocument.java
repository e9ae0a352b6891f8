package com.themepress.server.install;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An addon installed on a site: the exact version, the permissions granted, the config (widgets' and
 * settings, defaults filled in, as JSON text) and the installation's revision number, which the API
 * shows as its ETag.
 */
@Document("installations")
record InstallationDocument(@Id String id, String site, String addon, String version, List<String> grant, String config,
        int revision, Instant installedAt, Instant updatedAt, @Version Long storeVersion) {

    static String idOf(String site, String addon) {
        return site + ":" + addon;
    }

    InstallationDocument next(String newVersion, List<String> newGrant, String newConfig, Instant now) {
        return new InstallationDocument(id, site, addon, newVersion, newGrant, newConfig, revision + 1, installedAt, now, storeVersion);
    }
}
