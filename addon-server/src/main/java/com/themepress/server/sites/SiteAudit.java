package com.themepress.server.sites;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The site's audit log: written with every change, read newest first. */
@Component
public class SiteAudit {

    private final MongoTemplate mongo;
    private final Clock clock;

    SiteAudit(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(AuditEntry.class).createIndex(new Index().on("site", Sort.Direction.ASC).on("at", Sort.Direction.DESC).named("site_at"));
    }

    public void record(String site, String actor, String action, @Nullable String addon, String detail) {
        mongo.insert(new AuditEntry(UUID.randomUUID().toString(), site, clock.instant(), actor, action, addon, detail));
    }

    List<AuditEntry> newestFirst(String site, int page, int size) {
        Query query = Query.query(Criteria.where("site").is(site)).with(Sort.by(Sort.Direction.DESC, "at"))
                .skip((long) page * size).limit(size);
        return mongo.find(query, AuditEntry.class);
    }
}
