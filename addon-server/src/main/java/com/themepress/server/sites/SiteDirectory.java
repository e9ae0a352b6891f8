package com.themepress.server.sites;

import java.time.Duration;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Sites by id, read through a small cache: every call with a site key looks its site up. A change
 * made here evicts at once; other replicas hear {@link SiteChanged}, and the short expiry bounds what
 * a lost broadcast can leave stale.
 */
@Component
public class SiteDirectory {

    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private final MongoTemplate mongo;
    private final Cache<String, Optional<SiteDocument>> cache = Caffeine.newBuilder()
            .expireAfterWrite(EXPIRY).maximumSize(10_000).build();

    SiteDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<SiteDocument> find(String id) {
        return cache.get(id, key -> Optional.ofNullable(mongo.findById(key, SiteDocument.class)));
    }

    /** The site, or 404. */
    public SiteDocument require(String id) {
        return find(id).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND, "No site '" + id + "'."));
    }

    SiteDocument insert(SiteDocument site) {
        SiteDocument saved = mongo.insert(site);
        cache.invalidate(site.id());
        return saved;
    }

    SiteDocument save(SiteDocument site) {
        SiteDocument saved = mongo.save(site);
        cache.invalidate(site.id());
        return saved;
    }

    @EventListener
    void on(SiteChanged change) {
        cache.invalidate(change.site());
    }
}
