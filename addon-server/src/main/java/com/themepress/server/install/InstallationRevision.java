package com.themepress.server.install;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The state an installation had at one revision, kept so that a rollback can return to it. */
@Document("installation_revisions")
record InstallationRevision(@Id String id, String site, String addon, int revision, String version, List<String> grant, String config,
        String action, Instant at) {

    static String idOf(String site, String addon, int revision) {
        return site + ":" + addon + ":" + revision;
    }

    static InstallationRevision of(InstallationDocument installation, String action) {
        return new InstallationRevision(idOf(installation.site(), installation.addon(), installation.revision()), installation.site(),
                installation.addon(), installation.revision(), installation.version(), installation.grant(), installation.config(),
                action, installation.updatedAt());
    }
}
