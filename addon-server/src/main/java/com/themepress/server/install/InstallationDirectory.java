package com.themepress.server.install;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.server.registry.InstalledVersions;

/**
 * Installations by site and addon, read through a cache: permission checks and widget resolution ask
 * for one on every call. Changes made here evict at once; other replicas hear
 * {@link InstallationChanged}, and a short expiry bounds what a lost broadcast leaves stale.
 */
@Component
class InstallationDirectory implements InstalledVersions {

    private static final Duration EXPIRY = Duration.ofSeconds(10);
    /** Revisions kept per installation: a rollback needs only the previous one; the audit log keeps the history. */
    static final int KEPT_REVISIONS = 20;

    private final MongoTemplate mongo;
    private final Cache<String, Optional<InstallationDocument>> cache = Caffeine.newBuilder()
            .expireAfterWrite(EXPIRY).maximumSize(50_000).build();

    InstallationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(InstallationDocument.class).createIndex(new Index().on("site", Sort.Direction.ASC).named("site"));
        mongo.indexOps(InstallationDocument.class).createIndex(
                new Index().on("addon", Sort.Direction.ASC).on("version", Sort.Direction.ASC).named("addon_version"));
    }

    Optional<InstallationDocument> find(String site, String addon) {
        return cache.get(InstallationDocument.idOf(site, addon), id -> Optional.ofNullable(mongo.findById(id, InstallationDocument.class)));
    }

    List<InstallationDocument> onSite(String site) {
        return mongo.find(Query.query(Criteria.where("site").is(site)).with(Sort.by("addon")), InstallationDocument.class);
    }

    @Override
    public List<String> sitesWith(String addon, String version) {
        return mongo.find(Query.query(Criteria.where("addon").is(addon).and("version").is(version)), InstallationDocument.class)
                .stream().map(InstallationDocument::site).toList();
    }

    InstallationDocument insert(InstallationDocument installation) {
        try {
            return mongo.insert(installation);
        } finally {
            cache.invalidate(installation.id());
        }
    }

    InstallationDocument save(InstallationDocument installation) {
        try {
            return mongo.save(installation);
        } finally {
            cache.invalidate(installation.id());
        }
    }

    void delete(InstallationDocument installation) {
        mongo.remove(Query.query(Criteria.where("_id").is(installation.id())), InstallationDocument.class);
        for (int revision = Math.max(1, installation.revision() - KEPT_REVISIONS + 1); revision <= installation.revision(); revision++) {
            mongo.remove(Query.query(Criteria.where("_id").is(InstallationRevision.idOf(installation.site(), installation.addon(), revision))),
                    InstallationRevision.class);
        }
        cache.invalidate(installation.id());
    }

    void record(InstallationRevision revision) {
        mongo.save(revision);
        int dropped = revision.revision() - KEPT_REVISIONS;
        if (dropped >= 1) {
            mongo.remove(Query.query(Criteria.where("_id").is(InstallationRevision.idOf(revision.site(), revision.addon(), dropped))),
                    InstallationRevision.class);
        }
    }

    Optional<InstallationRevision> revision(String site, String addon, int revision) {
        return Optional.ofNullable(mongo.findById(InstallationRevision.idOf(site, addon, revision), InstallationRevision.class));
    }

    @EventListener
    void on(InstallationChanged change) {
        cache.invalidate(InstallationDocument.idOf(change.site(), change.addon()));
    }
}
